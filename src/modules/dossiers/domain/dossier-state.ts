import { DomainException } from 'src/common/errors/domain.exception';

/**
 * Internal states of a dossier (Decree 118/2025, Circular 03/2025). "Overdue" is never a state: it is derived from
 * the due date and the clock.
 */
export const DOSSIER_STATES = [
  /** Registered online or by post, completeness not yet checked (portal 1). */
  'SUBMITTED',
  /** The desk asked for a supplement before accepting (portal 5); the clock has not started. */
  'SUPPLEMENT_BEFORE_ACCEPTANCE',
  /** The desk refused to receive it (portal 3). Terminal. */
  'REFUSED',
  /** Accepted: complete and valid; the clock runs (portal 2). */
  'RECEIVED',
  /** Being handled by the competent agency's steps (portal 4). */
  'IN_PROCESSING',
  /** Waiting for the applicant's supplement; the clock is stopped (portal 5). */
  'WAITING_SUPPLEMENT',
  /** Waiting for the applicant's financial obligation (fees, taxes) (portal 6). */
  'WAITING_FINANCIAL_OBLIGATION',
  /** The applicant asked to withdraw; the desk has not yet issued the stop notice (portal 7). */
  'WITHDRAWAL_REQUESTED',
  /** Stopped at the applicant's request, notice of stopping issued (portal 8). Terminal. */
  'WITHDRAWN',
  /** Returned because the applicant does not meet the conditions (portal 8). Terminal. */
  'RETURNED_NOT_ELIGIBLE',
  /** Decision granting the request signed (portal 9). */
  'APPROVED',
  /** Decision refusing the request signed, with reasons and legal basis (portal 9). */
  'REJECTED',
  /** Result available at the desk / by post / online (portal 9). */
  'RESULT_READY',
  /** Result handed to the applicant (portal 10). Terminal. */
  'RESULT_RETURNED',
] as const;
export type DossierState = (typeof DOSSIER_STATES)[number];

export const DOSSIER_ACTIONS = [
  'ACCEPT',
  'REQUEST_SUPPLEMENT_AT_RECEIPT',
  'SUPPLEMENT_AT_RECEIPT',
  'REFUSE',
  'START_PROCESSING',
  'HANDOVER',
  'TRANSFER',
  'ASSIGN',
  'REQUEST_SUPPLEMENT',
  'SUPPLEMENT',
  'REQUEST_FINANCIAL_OBLIGATION',
  'FINANCIAL_OBLIGATION_MET',
  'APOLOGISE',
  'APPROVE',
  'REJECT',
  'RETURN_NOT_ELIGIBLE',
  'REQUEST_WITHDRAWAL',
  'WITHDRAW',
  'MARK_RESULT_READY',
  'RETURN_RESULT',
] as const;
export type DossierAction = (typeof DOSSIER_ACTIONS)[number];

/** States in which no decision or result notice has been issued: withdrawal is allowed (Circular 03/2025 art. 7). */
const BEFORE_DECISION: readonly DossierState[] = [
  'SUBMITTED',
  'SUPPLEMENT_BEFORE_ACCEPTANCE',
  'RECEIVED',
  'IN_PROCESSING',
  'WAITING_SUPPLEMENT',
  'WAITING_FINANCIAL_OBLIGATION',
];

/** Active states after acceptance, in which the agency still owes a result (an apology may be sent). */
const OWING_RESULT: readonly DossierState[] = [
  'RECEIVED',
  'IN_PROCESSING',
  'WAITING_SUPPLEMENT',
  'WAITING_FINANCIAL_OBLIGATION',
];

interface Rule {
  from: readonly DossierState[];
  /** null: the action keeps the state (handover, transfer, assignment, apology). */
  to: DossierState | null;
}

/** The one table of legal transitions. Anything not listed is DOSSIER_ILLEGAL_TRANSITION. */
export const TRANSITIONS: Readonly<Record<DossierAction, Rule>> = {
  ACCEPT: { from: ['SUBMITTED', 'SUPPLEMENT_BEFORE_ACCEPTANCE'], to: 'RECEIVED' },
  REQUEST_SUPPLEMENT_AT_RECEIPT: { from: ['SUBMITTED'], to: 'SUPPLEMENT_BEFORE_ACCEPTANCE' },
  SUPPLEMENT_AT_RECEIPT: { from: ['SUPPLEMENT_BEFORE_ACCEPTANCE'], to: 'SUBMITTED' },
  REFUSE: { from: ['SUBMITTED', 'SUPPLEMENT_BEFORE_ACCEPTANCE'], to: 'REFUSED' },
  START_PROCESSING: { from: ['RECEIVED'], to: 'IN_PROCESSING' },
  HANDOVER: { from: ['RECEIVED', 'IN_PROCESSING'], to: 'IN_PROCESSING' },
  TRANSFER: { from: ['IN_PROCESSING'], to: null },
  ASSIGN: { from: ['RECEIVED', 'IN_PROCESSING', 'WAITING_SUPPLEMENT', 'WAITING_FINANCIAL_OBLIGATION'], to: null },
  REQUEST_SUPPLEMENT: { from: ['IN_PROCESSING'], to: 'WAITING_SUPPLEMENT' },
  SUPPLEMENT: { from: ['WAITING_SUPPLEMENT'], to: 'IN_PROCESSING' },
  REQUEST_FINANCIAL_OBLIGATION: { from: ['IN_PROCESSING'], to: 'WAITING_FINANCIAL_OBLIGATION' },
  FINANCIAL_OBLIGATION_MET: { from: ['WAITING_FINANCIAL_OBLIGATION'], to: 'IN_PROCESSING' },
  APOLOGISE: { from: OWING_RESULT, to: null },
  APPROVE: { from: ['IN_PROCESSING'], to: 'APPROVED' },
  REJECT: { from: ['IN_PROCESSING'], to: 'REJECTED' },
  RETURN_NOT_ELIGIBLE: { from: ['RECEIVED', 'IN_PROCESSING', 'WAITING_SUPPLEMENT'], to: 'RETURNED_NOT_ELIGIBLE' },
  REQUEST_WITHDRAWAL: { from: BEFORE_DECISION, to: 'WITHDRAWAL_REQUESTED' },
  WITHDRAW: { from: [...BEFORE_DECISION, 'WITHDRAWAL_REQUESTED'], to: 'WITHDRAWN' },
  MARK_RESULT_READY: { from: ['APPROVED', 'REJECTED'], to: 'RESULT_READY' },
  RETURN_RESULT: { from: ['RESULT_READY'], to: 'RESULT_RETURNED' },
};

export const TERMINAL_STATES: readonly DossierState[] = [
  'REFUSED',
  'WITHDRAWN',
  'RETURNED_NOT_ELIGIBLE',
  'RESULT_RETURNED',
];

/** States in which the processing clock is stopped (time waiting for the applicant is subtracted, Decision 766). */
export const CLOCK_STOPPED_STATES: readonly DossierState[] = ['WAITING_SUPPLEMENT'];

/** States counted as "resolved" (the clock has ended): decision signed or later. */
export const RESOLVED_STATES: readonly DossierState[] = ['APPROVED', 'REJECTED', 'RESULT_READY', 'RESULT_RETURNED'];

export function isTerminal(state: DossierState): boolean {
  return TERMINAL_STATES.includes(state);
}

export function canApply(state: DossierState, action: DossierAction): boolean {
  return TRANSITIONS[action].from.includes(state);
}

/** The state after `action`, or DOSSIER_ILLEGAL_TRANSITION (409) naming the state and the action. */
export function nextState(state: DossierState, action: DossierAction): DossierState {
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(state)) {
    throw new DomainException(
      'DOSSIER_ILLEGAL_TRANSITION',
      `A dossier in state ${state} cannot ${action.toLowerCase().replace(/_/g, ' ')}`,
      { state, action, allowedFrom: rule.from },
    );
  }
  return rule.to ?? state;
}

/** Actions allowed now, for UIs (buttons) and the GraphQL `allowedActions` field. */
export function allowedActions(state: DossierState): DossierAction[] {
  return DOSSIER_ACTIONS.filter((a) => canApply(state, a));
}

// --- inter-level transfer (liên thông) ---

export const ADMIN_LEVELS = ['COMMUNE', 'DISTRICT', 'PROVINCE'] as const;
export type AdminLevel = (typeof ADMIN_LEVELS)[number];
/** THREE_LEVEL before 1 July 2025 (province, district, commune); TWO_LEVEL after (Law 72/2025/QH15). */
export type GovernmentStructure = 'THREE_LEVEL' | 'TWO_LEVEL';

/**
 * Inter-level dossiers go up one level at a time: commune → district → province under the three-level structure,
 * commune → province under the two-level one (the district level no longer exists).
 */
export function assertTransferLevels(from: AdminLevel, to: AdminLevel, structure: GovernmentStructure): void {
  const allowed =
    structure === 'THREE_LEVEL'
      ? (from === 'COMMUNE' && to === 'DISTRICT') || (from === 'DISTRICT' && to === 'PROVINCE')
      : from === 'COMMUNE' && to === 'PROVINCE';
  if (!allowed) {
    throw new DomainException(
      'DOSSIER_ILLEGAL_TRANSFER',
      `An inter-level dossier cannot go from ${from} to ${to} under the ${structure.toLowerCase().replace('_', '-')} structure`,
      { from, to, structure },
    );
  }
}

/** The government structure in force on a date (the district level was abolished from 1 July 2025). */
export function structureOn(date: string): GovernmentStructure {
  return date >= '2025-07-01' ? 'TWO_LEVEL' : 'THREE_LEVEL';
}
