import { QueryFailedError } from 'typeorm';
import { maskCccd } from 'src/common/personal-data/cccd-mask';
import type { EntryData } from 'src/modules/digitisation/digitisation-entry';
import type { ArchiveFile } from 'src/modules/digitisation/digitisation.service';

/**
 * The personal data a clerk types from a paper file (Law 91/2025/QH15 categories of src/modules/audit/personal-data.ts):
 * the citizen ID number and the address. Every digitisation response masks them as the registry's lists do (CCCD as
 * `0010******45`, address left out); the full values come only from the audited reveal.
 */
export const ENTRY_PERSONAL_FIELDS = ['cccd', 'address'] as const;

/**
 * Who may reveal them: the roles that do the work needing the full values — data entry and its correction
 * (DATA_OFFICER, ADMIN) and four-eyes verification (also SPECIALIST, LEADER). Not REPORT_VIEWER.
 */
export const DIGITISATION_REVEALERS = ['DATA_OFFICER', 'SPECIALIST', 'LEADER', 'ADMIN'] as const;

/** Entered data as every response shows it: the CCCD masked, the address left out. */
export interface MaskedEntryData {
  fullName: string;
  birth: string;
  gender: 'MALE' | 'FEMALE';
  cccdMasked: string | null;
  injuryRate: number | null;
  decisionNumber: string | null;
  decisionDate: string | null;
  category: string | null;
  householdCode: string | null;
}

/** An explicit allow-list: a field added to EntryData later is not shown until someone decides it may be. */
export function maskEntryData(d: EntryData): MaskedEntryData {
  return {
    fullName: d.fullName,
    birth: d.birth,
    gender: d.gender,
    cccdMasked: maskCccd(d.cccd),
    injuryRate: d.injuryRate ?? null,
    decisionNumber: d.decisionNumber ?? null,
    decisionDate: d.decisionDate ?? null,
    category: d.category ?? null,
    householdCode: d.householdCode ?? null,
  };
}

/**
 * Free text an officer types (the verifier's return reason) may quote the number from the scan: every run of 12
 * digits is masked as a CCCD.
 */
export function maskIdNumbersInText(text: string | null): string | null {
  return text === null ? null : text.replace(/(?<!\d)\d{12}(?!\d)/g, (n) => maskCccd(n) ?? '');
}

export type MaskedArchiveFile = Omit<ArchiveFile, 'data'> & { data: MaskedEntryData | null };

export function maskFile(f: ArchiveFile): MaskedArchiveFile {
  return { ...f, data: f.data ? maskEntryData(f.data) : null, return_reason: maskIdNumbersInText(f.return_reason) };
}

export interface EntryRow {
  clerk: string;
  data: EntryData;
  created_at: Date;
}

/** A file with its scans and the current entries (REST `GET files/:id`), every entry masked. */
export function maskFileDetail<S>(
  f: ArchiveFile & { scans: S[]; entries: EntryRow[] },
): MaskedArchiveFile & { scans: S[]; entries: Array<Omit<EntryRow, 'data'> & { data: MaskedEntryData }> } {
  return { ...maskFile(f), scans: f.scans, entries: f.entries.map((e) => ({ ...e, data: maskEntryData(e.data) })) };
}

/**
 * Runs database work that carries entered values. A failed statement's parameters (and PostgreSQL's detail, e.g.
 * "Key (cccd)=(…) already exists" or "Failing row contains (…)") would reach the error log; the error is rethrown
 * with only its SQLSTATE, constraint and the parameterised SQL, so the problem mapping is unchanged.
 */
export async function withoutEnteredValues<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (!(e instanceof QueryFailedError)) throw e;
    const { code, constraint, table, column } = e as QueryFailedError & Record<string, string | undefined>;
    const driverError = Object.assign(new Error(`database error ${code ?? 'unknown'}`), { code, constraint, table, column });
    throw new QueryFailedError(e.query, undefined, driverError);
  }
}
