import { DomainException } from 'src/common/errors/domain.exception';

/**
 * Dossier code schemes:
 * - CIRCULAR_03_2025 (default): `<agency e-ID>-<YYMMDD>-<XXXX>` (Circular 03/2025/TT-VPCP art. 13 cl. 1–2; the
 *   general form is inferred from cl. 3 — kept as the default because it is what provinces publish).
 * - QCVN_102: legacy 2018–2025 `<QCVN 102 agency code>-<yymmdd>-<nnnn>`, e.g. `000.00.15.H56-240315-0012`
 *   (agency code up to 13 characters, lowest level first, province `H` + 2 digits last).
 * - CENTRALISED: `<agency e-ID>-<YYMMDD>-<AA><XXXX>` for procedures on a nationally centralised system, AA = 2 digits
 *   from the e-ID of the system's owner (Circular 03/2025 art. 13 cl. 3, added by Circular 04/2025).
 * The sequence is the day's per-agency sequence, at least 4 digits (more when the day passes 9,999).
 */
export const DOSSIER_CODE_SCHEMES = ['CIRCULAR_03_2025', 'QCVN_102', 'CENTRALISED'] as const;
export type DossierCodeScheme = (typeof DOSSIER_CODE_SCHEMES)[number];

export interface DossierCodeParts {
  scheme: DossierCodeScheme;
  agencyId: string;
  /** Business date 'YYYY-MM-DD'. */
  date: string;
  sequence: number;
  /** CENTRALISED only: the 2-digit owner code. */
  ownerCode?: string;
}

/** Agency electronic ID (Decision 20/2020/QĐ-TTg art. 4): up to 35 characters of `.`, 0–9, A–Z in groups. */
const E_ID = /^[0-9A-Z]+(\.[0-9A-Z]+)*$/;
const E_ID_MAX = 35;
/** QCVN 102 agency code: up to 13 characters, groups of digits/letters, the province group `H` + 2 digits last. */
const QCVN_AGENCY = /^([0-9A-Z]+\.)*H\d{2}$/;
const QCVN_MAX = 13;
const OWNER = /^\d{2}$/;
const CODE = /^([0-9A-Z.]{1,35})-(\d{6})-(\d{4,})$/;

/** The longest code any scheme produces (35-character e-ID, 6-digit date, owner + 9-digit sequence). */
export const DOSSIER_CODE_MAX_LENGTH = 60;

function invalid(detail: string): DomainException {
  return new DomainException('DOSSIER_CODE_INVALID', detail);
}

function yymmdd(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m || !isRealDate(Number(m[1]), Number(m[2]), Number(m[3])))
    throw invalid(`The date ${date} is not a calendar date`);
  if (Number(m[1]) < 2000 || Number(m[1]) > 2099) throw invalid('Dossier codes cover the years 2000–2099');
  return `${m[1].slice(2)}${m[2]}${m[3]}`;
}

function isRealDate(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

function checkAgency(scheme: DossierCodeScheme, agencyId: string): void {
  if (scheme === 'QCVN_102') {
    if (agencyId.length > QCVN_MAX || !QCVN_AGENCY.test(agencyId))
      throw invalid('A QCVN 102 agency code has at most 13 characters and ends with the province group H + 2 digits');
  } else if (agencyId.length > E_ID_MAX || !E_ID.test(agencyId)) {
    throw invalid('An agency electronic ID has at most 35 characters of 0–9, A–Z and dots between groups');
  }
}

function pad(sequence: number): string {
  if (!Number.isSafeInteger(sequence) || sequence < 1 || sequence > 999_999_999)
    throw invalid('The daily sequence must be a positive integer');
  return String(sequence).padStart(4, '0');
}

export function formatDossierCode(parts: DossierCodeParts): string {
  checkAgency(parts.scheme, parts.agencyId);
  const day = yymmdd(parts.date);
  const seq = pad(parts.sequence);
  if (parts.scheme === 'CENTRALISED') {
    if (!parts.ownerCode || !OWNER.test(parts.ownerCode))
      throw invalid('The centralised form needs a 2-digit owner code');
    return `${parts.agencyId}-${day}-${parts.ownerCode}${seq}`;
  }
  return `${parts.agencyId}-${day}-${seq}`;
}

/**
 * Parses a code under a scheme (default: the Circular 03/2025 general form). A malformed code is
 * DOSSIER_CODE_INVALID (400). Years are taken as 20YY.
 */
export function parseDossierCode(code: string, scheme: DossierCodeScheme = 'CIRCULAR_03_2025'): DossierCodeParts {
  if (typeof code !== 'string' || code.length > DOSSIER_CODE_MAX_LENGTH) throw invalid('The dossier code is too long');
  const m = CODE.exec(code);
  if (!m) throw invalid('A dossier code looks like <agency ID>-<YYMMDD>-<sequence of at least 4 digits>');
  const [, agencyId, day, tail] = m;
  checkAgency(scheme, agencyId);
  const date = `20${day.slice(0, 2)}-${day.slice(2, 4)}-${day.slice(4, 6)}`;
  if (!isRealDate(Number(date.slice(0, 4)), Number(day.slice(2, 4)), Number(day.slice(4, 6))))
    throw invalid(`The date part ${day} is not a calendar date`);
  let ownerCode: string | undefined;
  let seqDigits = tail;
  if (scheme === 'CENTRALISED') {
    if (tail.length < 6) throw invalid('The centralised form ends with a 2-digit owner code and at least 4 digits');
    ownerCode = tail.slice(0, 2);
    seqDigits = tail.slice(2);
  }
  const sequence = Number(seqDigits);
  if (sequence < 1 || !Number.isSafeInteger(sequence) || seqDigits.length > 9)
    throw invalid('The daily sequence must be a positive integer');
  return { scheme, agencyId, date, sequence, ...(ownerCode ? { ownerCode } : {}) };
}

/** True when the code parses under the scheme; never throws. */
export function isValidDossierCode(code: string, scheme?: DossierCodeScheme): boolean {
  try {
    parseDossierCode(code, scheme);
    return true;
  } catch {
    return false;
  }
}

/** Any scheme: used to validate a code before looking it up (the lookup is by the stored code anyway). */
export function looksLikeDossierCode(code: string): boolean {
  return DOSSIER_CODE_SCHEMES.some((s) => isValidDossierCode(code, s));
}
