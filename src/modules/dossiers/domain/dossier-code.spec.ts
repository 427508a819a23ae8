import fc from 'fast-check';
import { DomainException } from 'src/common/errors/domain.exception';
import {
  DOSSIER_CODE_SCHEMES,
  formatDossierCode,
  isValidDossierCode,
  parseDossierCode,
} from 'src/modules/dossiers/domain/dossier-code';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof DomainException ? e.code : 'OTHER';
  }
  return undefined;
}

describe('dossier codes', () => {
  it('formats the Circular 03/2025 general form <e-ID>-<YYMMDD>-<XXXX>', () => {
    expect(
      formatDossierCode({ scheme: 'CIRCULAR_03_2025', agencyId: 'H40.12', date: '2026-03-05', sequence: 12 }),
    ).toBe('H40.12-260305-0012');
  });

  it('uses more than 4 digits once the day passes 9,999', () => {
    expect(
      formatDossierCode({ scheme: 'CIRCULAR_03_2025', agencyId: 'H40', date: '2026-03-05', sequence: 12345 }),
    ).toBe('H40-260305-12345');
  });

  it('formats the legacy QCVN 102 form, e.g. 000.00.15.H56-240315-0012', () => {
    expect(
      formatDossierCode({ scheme: 'QCVN_102', agencyId: '000.00.15.H56', date: '2024-03-15', sequence: 12 }),
    ).toBe('000.00.15.H56-240315-0012');
    expect(parseDossierCode('000.00.15.H56-240315-0012', 'QCVN_102')).toEqual({
      scheme: 'QCVN_102',
      agencyId: '000.00.15.H56',
      date: '2024-03-15',
      sequence: 12,
    });
  });

  it('formats the centralised form with the 2-digit owner code (Circular 03/2025 art. 13 cl. 3)', () => {
    const code = formatDossierCode({
      scheme: 'CENTRALISED',
      agencyId: 'H40.12',
      date: '2026-02-01',
      sequence: 7,
      ownerCode: '03',
    });
    expect(code).toBe('H40.12-260201-030007');
    expect(parseDossierCode(code, 'CENTRALISED')).toMatchObject({ ownerCode: '03', sequence: 7 });
    expect(codeOf(() => formatDossierCode({ scheme: 'CENTRALISED', agencyId: 'H40', date: '2026-02-01', sequence: 7 }))).toBe(
      'DOSSIER_CODE_INVALID',
    );
  });

  it.each([
    ['', 'empty'],
    ['H40-260230-0001', '30 February'],
    ['H40-2603050001', 'missing dash'],
    ['H40-260305-001', 'sequence under 4 digits'],
    ['h40-260305-0001', 'lower case'],
    ['H40..1-260305-0001', 'empty group'],
    ['H40-260305-0000', 'sequence zero'],
    [`${'A'.repeat(36)}-260305-0001`, 'agency ID over 35 characters'],
    ["H40-260305-0001' or 1=1", 'injection'],
  ])('rejects %p (%s) with DOSSIER_CODE_INVALID (400)', (code) => {
    expect(codeOf(() => parseDossierCode(code))).toBe('DOSSIER_CODE_INVALID');
  });

  it('a QCVN 102 code must end with the province group and have at most 13 characters', () => {
    expect(isValidDossierCode('000.00.15.H56-240315-0012', 'QCVN_102')).toBe(true);
    expect(isValidDossierCode('000.00.15.X56-240315-0012', 'QCVN_102')).toBe(false);
    expect(isValidDossierCode('0000.000.15.H56-240315-0012', 'QCVN_102')).toBe(false);
  });

  const agency = fc
    .array(fc.stringMatching(/^[0-9A-Z]{1,4}$/), { minLength: 1, maxLength: 5 })
    .map((g) => g.join('.'))
    .filter((s) => s.length <= 35);
  const date = fc
    .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));

  it('property: format then parse returns the parts, for every scheme', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DOSSIER_CODE_SCHEMES),
        agency,
        date,
        fc.integer({ min: 1, max: 999_999 }),
        fc.stringMatching(/^\d{2}$/),
        fc.stringMatching(/^[0-9]{1,3}(\.[0-9]{2}){0,2}$/),
        (scheme, eid, day, seq, owner, qcvnPrefix) => {
          const agencyId = scheme === 'QCVN_102' ? `${qcvnPrefix}.H${owner}`.slice(-13).replace(/^\./, '') : eid;
          fc.pre(scheme !== 'QCVN_102' || /^([0-9A-Z]+\.)*H\d{2}$/.test(agencyId));
          const parts = { scheme, agencyId, date: day, sequence: seq, ...(scheme === 'CENTRALISED' ? { ownerCode: owner } : {}) };
          const code = formatDossierCode(parts);
          expect(parseDossierCode(code, scheme)).toEqual(parts);
        },
      ),
    );
  });

  it('property: codes of different sequences on the same day never collide', () => {
    fc.assert(
      fc.property(agency, date, fc.integer({ min: 1, max: 99_999 }), fc.integer({ min: 1, max: 99_999 }), (a, d, s1, s2) => {
        fc.pre(s1 !== s2);
        const f = (s: number): string => formatDossierCode({ scheme: 'CIRCULAR_03_2025', agencyId: a, date: d, sequence: s });
        expect(f(s1)).not.toBe(f(s2));
      }),
    );
  });
});
