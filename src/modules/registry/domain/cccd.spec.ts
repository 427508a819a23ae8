import fc from 'fast-check';
import { DomainException } from 'src/common/errors/domain.exception';
import { parseBirthDate, type Gender } from 'src/modules/registry/domain/birth-date';
import { maskCccd } from 'src/common/personal-data/cccd-mask';
import { assertValidCccd, centuryGenderDigit, checkCccd } from 'src/modules/registry/domain/cccd';
import { CCCD_PROVINCE_CODES } from 'src/modules/registry/domain/cccd-province-codes';

const birth = (raw: string) => parseBirthDate(raw)!;

describe('CCCD structure PPP G YY RRRRRR (Law on Identification 2023 art. 12)', () => {
  it('decodes a Hà Nội man born in 1995', () => {
    const r = checkCccd('001095012345', { birth: birth('1995-04-02'), gender: 'MALE' });
    expect(r).toMatchObject({ valid: true, parts: { gender: 'MALE', birthYear: 1995, century: 1900 } });
    if (r.valid) expect(r.parts.province.name).toBe('Hà Nội');
  });

  it('decodes a Thanh Hóa woman born in 2001 (G = 3: 21st century, female)', () => {
    const r = checkCccd('038301000777', { birth: birth('2001'), gender: 'FEMALE' });
    expect(r).toMatchObject({ valid: true, parts: { gender: 'FEMALE', birthYear: 2001 } });
  });

  it('flags province codes past 034 as unconfirmed but accepts them (Đắk Lắk 066)', () => {
    const r = checkCccd('066180123456');
    expect(r.valid && r.parts.province.unconfirmed).toBe(true);
  });

  it.each([
    ['00109501234', undefined, 'FORMAT'],
    ['0010950123456', undefined, 'FORMAT'],
    ['00109501234A', undefined, 'FORMAT'],
    ['003095012345', undefined, 'PROVINCE_CODE_UNKNOWN'],
    ['097095012345', undefined, 'PROVINCE_CODE_UNKNOWN'],
    ['001295012345', { birth: birth('1995-01-01'), gender: 'MALE' as Gender }, 'CENTURY_MISMATCH'],
    ['001096012345', { birth: birth('1995-01-01'), gender: 'MALE' as Gender }, 'BIRTH_YEAR_MISMATCH'],
    ['001195012345', { birth: birth('1995-01-01'), gender: 'MALE' as Gender }, 'GENDER_MISMATCH'],
    ['001095012345', { birth: birth('1995-01-01'), gender: 'FEMALE' as Gender }, 'GENDER_MISMATCH'],
    ['001099012345', { birth: birth('1899'), gender: 'MALE' as Gender }, 'BIRTH_YEAR_OUT_OF_RANGE'],
  ])('rejects %s with %s', (value, person, reason) => {
    expect(checkCccd(value, person)).toMatchObject({ valid: false, reason });
  });

  it('throws CCCD_INVALID with the reason and without echoing the number', () => {
    try {
      assertValidCccd('001195012345', { birth: birth('1995'), gender: 'MALE' });
      fail('expected an error');
    } catch (e) {
      expect(e).toBeInstanceOf(DomainException);
      const err = e as DomainException;
      expect(err.code).toBe('CCCD_INVALID');
      expect(err.extensions).toEqual({ reason: 'GENDER_MISMATCH' });
      expect(err.message).not.toContain('001195012345');
    }
  });

  it('masks as the first four and the last two digits', () => {
    expect(maskCccd('001012345645')).toBe('0010******45');
    expect(maskCccd(null)).toBeNull();
  });

  const provinceArb = fc.constantFrom(...CCCD_PROVINCE_CODES.map((p) => p.code));
  const genderArb = fc.constantFrom<Gender>('MALE', 'FEMALE');
  const serialArb = fc.integer({ min: 0, max: 999_999 }).map((n) => String(n).padStart(6, '0'));

  it('property: a number built from a person is valid for that person and decodes back', () => {
    fc.assert(
      fc.property(
        provinceArb,
        fc.integer({ min: 1900, max: 2399 }),
        genderArb,
        serialArb,
        (p, year, gender, serial) => {
          const g = centuryGenderDigit(year, gender)!;
          const value = `${p}${g}${String(year % 100).padStart(2, '0')}${serial}`;
          const r = checkCccd(value, { birth: { year, date: null }, gender });
          expect(r).toMatchObject({ valid: true, parts: { birthYear: year, gender } });
        },
      ),
    );
  });

  it('property: the other gender or another birth year never validates', () => {
    fc.assert(
      fc.property(
        provinceArb,
        fc.integer({ min: 1900, max: 2399 }),
        fc.integer({ min: 1, max: 499 }),
        genderArb,
        serialArb,
        (p, year, shift, gender, serial) => {
          const value = `${p}${centuryGenderDigit(year, gender)}${String(year % 100).padStart(2, '0')}${serial}`;
          const other: Gender = gender === 'MALE' ? 'FEMALE' : 'MALE';
          expect(checkCccd(value, { birth: { year, date: null }, gender: other }).valid).toBe(false);
          expect(checkCccd(value, { birth: { year: year + shift, date: null }, gender }).valid).toBe(false);
        },
      ),
    );
  });

  it('property: masking keeps the length and hides the middle six digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{12}$/), (v) => {
        const m = maskCccd(v)!;
        expect(m).toHaveLength(12);
        expect(m.slice(4, 10)).toBe('******');
        expect(m.slice(0, 4) + m.slice(10)).toBe(v.slice(0, 4) + v.slice(10));
      }),
    );
  });
});
