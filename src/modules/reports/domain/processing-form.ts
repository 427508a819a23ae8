import type { DateRange } from 'src/modules/reports/domain/reporting-period';

/**
 * Form II.06a (Circular 01/2020/TT-VPCP): situation and results of handling procedures. The definitions below are
 * the service's published reading of the form; README and the API docs repeat them.
 *
 * - A dossier belongs to a period if it was received on or before the period's last day and had not ended before
 *   its first day. "Received" is the date counting started (acceptance at the desk, the postmark for post, the
 *   complete online submission).
 * - Carried over (col. 6): received before the period and still open at its start. Cols 4 and 5 count only
 *   dossiers received inside the period, so col. 3 = 4 + 5 + 6 always.
 * - Ended: the decision date for approved or rejected dossiers (not the date the result was handed over), or the
 *   date a dossier was returned for not meeting conditions or withdrawn at the applicant's request. Ended inside
 *   the period → col. 7; otherwise still in progress at the period's end → col. 11.
 * - Timeliness (Decision 766 rule): a dossier with more than one supplement request is late; otherwise it is early
 *   if it ended before its due date, on time on the due date, late after. The due date already includes the working
 *   days the clock was stopped for supplements and any granted extension (the deadline ledger computes it).
 * - In progress at the period's end: within time if the due date is on or after the period's last day, or if the
 *   clock is stopped waiting for the applicant; overdue otherwise.
 * - A dossier transferred between levels is counted once, at the agency that holds it (the receiving agency's
 *   report counts it as received; each level's step timeliness is in the process control slip, not this form).
 */
export interface DossierFacts {
  receivedOn: string;
  channel: 'DIRECT' | 'ONLINE' | 'POSTAL';
  dueOn: string;
  endedOn: string | null;
  endKind: 'DECIDED' | 'RETURNED' | 'WITHDRAWN' | null;
  supplementRequests: number;
  /** True while the clock is stopped waiting for the applicant (at the period's end). */
  waitingForApplicant: boolean;
  apologySent: boolean;
}

export interface ProcessingFormRow {
  received: number; // 3
  receivedOnline: number; // 4
  receivedDirectOrPostal: number; // 5
  carriedOver: number; // 6
  resolved: number; // 7
  resolvedEarly: number; // 8
  resolvedOnTime: number; // 9
  resolvedLate: number; // 10
  inProgress: number; // 11
  inProgressWithinTime: number; // 12
  inProgressOverdue: number; // 13
  // Beyond the form:
  decided: number;
  decidedEarlyOrOnTime: number;
  returnedOrWithdrawn: number;
  waitingForSupplement: number;
  apologyLetters: number;
}

export const EMPTY_ROW: ProcessingFormRow = {
  received: 0,
  receivedOnline: 0,
  receivedDirectOrPostal: 0,
  carriedOver: 0,
  resolved: 0,
  resolvedEarly: 0,
  resolvedOnTime: 0,
  resolvedLate: 0,
  inProgress: 0,
  inProgressWithinTime: 0,
  inProgressOverdue: 0,
  decided: 0,
  decidedEarlyOrOnTime: 0,
  returnedOrWithdrawn: 0,
  waitingForSupplement: 0,
  apologyLetters: 0,
};

export type Timeliness = 'EARLY' | 'ON_TIME' | 'LATE';

export function timeliness(
  d: Pick<DossierFacts, 'dueOn' | 'supplementRequests'>,
  endedOn: string,
): Timeliness {
  if (d.supplementRequests > 1) return 'LATE';
  if (endedOn < d.dueOn) return 'EARLY';
  return endedOn === d.dueOn ? 'ON_TIME' : 'LATE';
}

/** Adds one dossier to a row for the period; a dossier outside the period leaves the row unchanged. */
export function addToRow(row: ProcessingFormRow, d: DossierFacts, period: DateRange): ProcessingFormRow {
  if (d.receivedOn > period.to) return row;
  if (d.endedOn !== null && d.endedOn < period.from) return row;
  const r = { ...row, received: row.received + 1 };
  if (d.receivedOn < period.from) r.carriedOver++;
  else if (d.channel === 'ONLINE') r.receivedOnline++;
  else r.receivedDirectOrPostal++;
  if (d.apologySent) r.apologyLetters++;
  if (d.endedOn !== null && d.endedOn <= period.to) {
    r.resolved++;
    const t = timeliness(d, d.endedOn);
    if (t === 'EARLY') r.resolvedEarly++;
    else if (t === 'ON_TIME') r.resolvedOnTime++;
    else r.resolvedLate++;
    if (d.endKind === 'DECIDED') {
      r.decided++;
      if (t !== 'LATE') r.decidedEarlyOrOnTime++;
    } else {
      r.returnedOrWithdrawn++;
    }
  } else {
    r.inProgress++;
    if (d.waitingForApplicant) r.waitingForSupplement++;
    if (d.waitingForApplicant || d.dueOn >= period.to) r.inProgressWithinTime++;
    else r.inProgressOverdue++;
  }
  return r;
}

/** The form's consistency rules; an empty list means the row is consistent. */
export function consistencyErrors(r: ProcessingFormRow): string[] {
  const errors: string[] = [];
  if (r.received !== r.receivedOnline + r.receivedDirectOrPostal + r.carriedOver)
    errors.push('3 ≠ 4 + 5 + 6');
  if (r.received !== r.resolved + r.inProgress) errors.push('3 ≠ 7 + 11');
  if (r.resolved !== r.resolvedEarly + r.resolvedOnTime + r.resolvedLate) errors.push('7 ≠ 8 + 9 + 10');
  if (r.inProgress !== r.inProgressWithinTime + r.inProgressOverdue) errors.push('11 ≠ 12 + 13');
  return errors;
}

/** Share of decided dossiers resolved early or on time, in basis points (10000 = 100%), exact integer maths. */
export function onTimeRateBasisPoints(r: ProcessingFormRow): number | null {
  if (r.decided === 0) return null;
  return Math.round((r.decidedEarlyOrOnTime * 10_000) / r.decided);
}
