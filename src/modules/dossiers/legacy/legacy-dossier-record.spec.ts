import {
  intendedLegacyRecord,
  LEGACY_DEFAULT_APPLICANT,
  sameLegacyRecord,
  type LegacyDossierInput,
} from 'src/modules/dossiers/legacy/legacy-dossier-record';

const row = (over: Partial<LegacyDossierInput>): LegacyDossierInput => ({
  ref: 1,
  legacyCode: 'HS-0001',
  procedureCode: '1.001776',
  agencyId: 'agency',
  unitId: 'unit',
  channel: 'DIRECT',
  outcome: 'ON_TIME',
  receivedOn: '2024-03-04',
  dueOn: null,
  decidedOn: '2024-03-15',
  returnedOn: null,
  applicantName: null,
  ...over,
});

describe('legacy dossier records', () => {
  it('a resolved dossier is APPROVED with its decision date, RESULT_RETURNED once the result was handed over', () => {
    expect(intendedLegacyRecord(row({}), 'v1', '2024-03-15')).toMatchObject({
      state: 'APPROVED',
      decision_date: '2024-03-15',
      resolved_on: '2024-03-15',
      stopped_on: null,
      due_on: '2024-03-15',
      applicant_name: LEGACY_DEFAULT_APPLICANT,
    });
    expect(intendedLegacyRecord(row({ returnedOn: '2024-03-18' }), 'v1', '2024-03-15')).toMatchObject({
      state: 'RESULT_RETURNED',
      returned_on: '2024-03-18',
    });
  });

  it('returned and withdrawn dossiers stop on their date without a decision; in progress has neither', () => {
    expect(intendedLegacyRecord(row({ outcome: 'RETURNED' }), 'v1', '2024-03-18')).toMatchObject({
      state: 'RETURNED_NOT_ELIGIBLE',
      decision_date: null,
      stopped_on: '2024-03-15',
    });
    expect(intendedLegacyRecord(row({ outcome: 'WITHDRAWN' }), 'v1', '2024-03-18')).toMatchObject({ state: 'WITHDRAWN' });
    expect(intendedLegacyRecord(row({ outcome: 'IN_PROGRESS', decidedOn: null }), 'v1', '2024-03-18')).toMatchObject({
      state: 'IN_PROCESSING',
      decision_date: null,
      stopped_on: null,
    });
  });

  it('the same row is the same record; any other date is not', () => {
    const a = intendedLegacyRecord(row({}), 'v1', '2024-03-15');
    expect(sameLegacyRecord(a, intendedLegacyRecord(row({}), 'v1', '2024-03-15'))).toBe(true);
    expect(sameLegacyRecord(a, intendedLegacyRecord(row({ decidedOn: '2024-03-14', outcome: 'EARLY' }), 'v1', '2024-03-15'))).toBe(false);
  });
});
