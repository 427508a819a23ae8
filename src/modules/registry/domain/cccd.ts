import { DomainException } from 'src/common/errors/domain.exception';
import type { BirthDate, Gender } from 'src/modules/registry/domain/birth-date';
import { cccdProvince, type CccdProvinceCode } from 'src/modules/registry/domain/cccd-province-codes';

/**
 * Citizen ID number (số định danh cá nhân, Law on Identification 2023 art. 12): 12 digits `PPP G YY RRRRRR`.
 * - PPP: province of birth registration (table in cccd-province-codes.ts);
 * - G: century and gender — 1900s male 0 / female 1, 2000s 2 / 3, 2100s 4 / 5, 2200s 6 / 7, 2300s 8 / 9;
 * - YY: last two digits of the birth year;
 * - RRRRRR: random. There is no check digit; none is invented here.
 */
export type CccdInvalidReason =
  | 'FORMAT'
  | 'PROVINCE_CODE_UNKNOWN'
  | 'BIRTH_YEAR_OUT_OF_RANGE'
  | 'CENTURY_MISMATCH'
  | 'GENDER_MISMATCH'
  | 'BIRTH_YEAR_MISMATCH';

export interface CccdParts {
  province: CccdProvinceCode;
  /** The gender the number encodes. */
  gender: Gender;
  /** First year of the encoded century (1900, 2000, …). */
  century: number;
  /** The encoded birth year (century + YY). */
  birthYear: number;
  serial: string;
}

export type CccdCheck =
  { valid: true; parts: CccdParts } | { valid: false; reason: CccdInvalidReason; message: string };

const FORMAT = /^(\d{3})(\d)(\d{2})(\d{6})$/;

/** The G digit for a birth year and gender, or null outside 1900–2399. */
export function centuryGenderDigit(birthYear: number, gender: Gender): number | null {
  const century = Math.floor(birthYear / 100);
  if (century < 19 || century > 23) return null;
  return (century - 19) * 2 + (gender === 'FEMALE' ? 1 : 0);
}

function fail(reason: CccdInvalidReason, message: string): CccdCheck {
  return { valid: false, reason, message };
}

/**
 * Checks the structure, and when the person's birth date and gender are given, their consistency with the number.
 * Messages never repeat the number itself (it is personal data and messages are logged).
 */
export function checkCccd(
  value: string,
  person?: { birth?: BirthDate | null; gender?: Gender | null },
): CccdCheck {
  const m = FORMAT.exec(value);
  if (!m) return fail('FORMAT', 'A citizen ID number has exactly 12 digits');
  const [, ppp, g, yy, serial] = m;
  const province = cccdProvince(ppp);
  if (!province)
    return fail('PROVINCE_CODE_UNKNOWN', `Province code ${ppp} is not a birth-registration province code`);
  const digit = Number(g);
  const gender: Gender = digit % 2 === 0 ? 'MALE' : 'FEMALE';
  const century = 1900 + Math.floor(digit / 2) * 100;
  const parts: CccdParts = { province, gender, century, birthYear: century + Number(yy), serial };
  const birth = person?.birth;
  if (birth) {
    const expected = centuryGenderDigit(birth.year, person?.gender ?? gender);
    if (expected === null)
      return fail('BIRTH_YEAR_OUT_OF_RANGE', `Birth year ${birth.year} cannot be encoded (1900–2399 only)`);
    if (Math.floor(expected / 2) !== Math.floor(digit / 2))
      return fail(
        'CENTURY_MISMATCH',
        `Digit 4 (${g}) encodes a birth in the ${century}s but the birth year is ${birth.year}`,
      );
    if (Number(yy) !== birth.year % 100)
      return fail(
        'BIRTH_YEAR_MISMATCH',
        `Digits 5–6 (${yy}) must be the last two digits of the birth year ${birth.year}`,
      );
  }
  if (person?.gender && person.gender !== gender)
    return fail(
      'GENDER_MISMATCH',
      `Digit 4 (${g}) encodes ${gender === 'MALE' ? 'a male' : 'a female'} but the gender is ${person.gender}`,
    );
  return { valid: true, parts };
}

/** Throws CCCD_INVALID (400) with the reason; returns the decoded parts. */
export function assertValidCccd(
  value: string,
  person?: { birth?: BirthDate | null; gender?: Gender | null },
): CccdParts {
  const check = checkCccd(value, person);
  if (!check.valid) throw new DomainException('CCCD_INVALID', check.message, { reason: check.reason });
  return check.parts;
}

/** Moved to src/common (digitisation masks with it too); re-exported for the modules that import it from here. */
export { maskCccd } from 'src/common/personal-data/cccd-mask';
