import type { DossierState } from 'src/modules/dossiers/domain/dossier-state';

export const CHANNELS = ['DIRECT', 'ONLINE', 'POSTAL'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * The ONE table mapping internal states to the national portal's `TrangThaiHoSo` (1–10). A portal sync reads this
 * and nothing else. Sources (DOMAIN.md, several public implementations agree): 1 newly registered online (not yet
 * accepted); 2 accepted; 3 refused; 4 processing; 5 supplement requested; 6 financial obligation requested;
 * 7 applicant asked to withdraw; 8 processing stopped; 9 resolved (result ready); 10 result returned.
 */
export const PORTAL_STATUS = {
  SUBMITTED: 1,
  SUPPLEMENT_BEFORE_ACCEPTANCE: 5,
  REFUSED: 3,
  RECEIVED: 2,
  IN_PROCESSING: 4,
  WAITING_SUPPLEMENT: 5,
  WAITING_FINANCIAL_OBLIGATION: 6,
  WITHDRAWAL_REQUESTED: 7,
  WITHDRAWN: 8,
  RETURNED_NOT_ELIGIBLE: 8,
  APPROVED: 9,
  REJECTED: 9,
  RESULT_READY: 9,
  RESULT_RETURNED: 10,
} as const satisfies Record<DossierState, number>;

/** `KenhThucHien`: 1 direct, 2 online, 3 public postal service. */
export const PORTAL_CHANNEL: Readonly<Record<Channel, number>> = { DIRECT: 1, ONLINE: 2, POSTAL: 3 };

export function portalStatus(state: DossierState): number {
  return PORTAL_STATUS[state];
}

export function portalChannel(channel: Channel): number {
  return PORTAL_CHANNEL[channel];
}

/** Reverse channel lookup for inbound portal messages; unknown codes return undefined (the caller rejects). */
export function channelFromPortal(code: number): Channel | undefined {
  return (Object.keys(PORTAL_CHANNEL) as Channel[]).find((c) => PORTAL_CHANNEL[c] === code);
}
