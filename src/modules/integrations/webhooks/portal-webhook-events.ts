/**
 * The events a portal may subscribe to, and how dossier outbox events become them. Every dossier event that
 * changes the state is delivered (as its specific event when it has one, else `dossier.state_changed`), so a
 * subscriber to all five sees every state the dossier passes through.
 */
export const PORTAL_WEBHOOK_EVENTS = [
  'dossier.received',
  'dossier.state_changed',
  'dossier.result_ready',
  'dossier.late_apology',
  'dossier.supplement_requested',
] as const;
export type PortalWebhookEvent = (typeof PORTAL_WEBHOOK_EVENTS)[number];

const SPECIFIC: Record<string, PortalWebhookEvent> = {
  'dossier.submitted': 'dossier.received',
  'dossier.received': 'dossier.received',
  'dossier.result_ready': 'dossier.result_ready',
  'dossier.apology_sent': 'dossier.late_apology',
  'dossier.supplement_requested': 'dossier.supplement_requested',
  'dossier.supplement_requested_at_receipt': 'dossier.supplement_requested',
};

/** The outbox event types with a specific portal event (the SQL filter uses the same list). */
export const SPECIFIC_OUTBOX_TYPES = Object.keys(SPECIFIC);

/** The portal event of one dossier outbox event, or null when portals are not told about it. */
export function portalEventOf(
  eventType: string,
  payload: { fromState?: string | null; toState?: string | null },
): PortalWebhookEvent | null {
  if (SPECIFIC[eventType]) return SPECIFIC[eventType];
  if (payload.toState && payload.toState !== payload.fromState) return 'dossier.state_changed';
  return null;
}

/**
 * Delay before attempt `n + 1` after `n` failed attempts: exponential from `baseMs`, capped at `maxMs`. With the
 * defaults (30 s, 6 h cap, 14 attempts) the attempts span about 26 hours.
 */
export function retryDelayMs(failedAttempts: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, failedAttempts - 1));
}

/** Time from the first attempt to the last one. */
export function retrySpanMs(maxAttempts: number, baseMs: number, maxMs: number): number {
  let total = 0;
  for (let n = 1; n < maxAttempts; n++) total += retryDelayMs(n, baseMs, maxMs);
  return total;
}
