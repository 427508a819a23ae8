import fc from 'fast-check';
import {
  addToRow,
  consistencyErrors,
  EMPTY_ROW,
  onTimeRateBasisPoints,
  type DossierFacts,
} from 'src/modules/reports/domain/processing-form';

const PERIOD = { from: '2023-12-15', to: '2024-06-14' };

function dossiers(count: number, facts: Partial<DossierFacts>): DossierFacts[] {
  const base: DossierFacts = {
    receivedOn: '2024-03-01',
    channel: 'DIRECT',
    dueOn: '2024-03-10',
    endedOn: null,
    endKind: null,
    supplementRequests: 0,
    waitingForApplicant: false,
    apologySent: false,
  };
  return Array.from({ length: count }, () => ({ ...base, ...facts }));
}

const tally = (all: DossierFacts[]) => all.reduce((row, d) => addToRow(row, d, PERIOD), EMPTY_ROW);

describe('Form II.06a', () => {
  it('rebuilds the Nghệ An report of 4 June 2024 exactly', () => {
    // 49,973 dossiers including 1,214 carried over; 47,490 resolved early or on time, 10 late, 2,355 in progress
    // within time, 116 returned (not eligible or at the applicant's request), 2 waiting for a supplement.
    const all = [
      ...dossiers(1_214, {
        receivedOn: '2023-12-01',
        endedOn: '2024-01-05',
        dueOn: '2024-01-10',
        endKind: 'DECIDED',
      }),
      ...dossiers(46_276, { endedOn: '2024-03-08', endKind: 'DECIDED' }),
      ...dossiers(10, { endedOn: '2024-03-12', endKind: 'DECIDED' }),
      ...dossiers(2_355, { receivedOn: '2024-06-10', dueOn: '2024-06-20' }),
      ...dossiers(116, { endedOn: '2024-03-05', endKind: 'RETURNED' }),
      ...dossiers(2, {
        receivedOn: '2024-06-01',
        dueOn: '2024-06-12',
        waitingForApplicant: true,
        supplementRequests: 1,
      }),
    ];
    const row = tally(all);
    expect(row.received).toBe(49_973);
    expect(row.carriedOver).toBe(1_214);
    expect(row.decidedEarlyOrOnTime).toBe(47_490);
    expect(row.decided - row.decidedEarlyOrOnTime).toBe(10);
    expect(row.inProgressWithinTime - row.waitingForSupplement).toBe(2_355);
    expect(row.returnedOrWithdrawn).toBe(116);
    expect(row.waitingForSupplement).toBe(2);
    expect(onTimeRateBasisPoints(row)).toBe(9_998); // 99.98% of those due
    expect(consistencyErrors(row)).toEqual([]);
  });

  it('rebuilds the Đắk Nông report of the first half of 2023 with its parts made to add up', () => {
    // The article: 1,917 dossiers (158 online; 1,759 direct and by post; 1 carried over); 1,715 resolved early or on
    // time; 202 in progress; none overdue. 158 + 1,759 + 1 = 1,918. Our reading: the total 1,917 = 1,715 + 202 is
    // right and the carried-over dossier is inside the article's 1,759 (a direct dossier from the previous period),
    // so col. 5 = 1,758 received directly or by post within the period.
    const period = { from: '2022-12-15', to: '2023-06-14' };
    const all = [
      ...dossiers(1, {
        receivedOn: '2022-12-10',
        dueOn: '2023-01-10',
        endedOn: '2023-01-05',
        endKind: 'DECIDED',
      }),
      ...dossiers(158, {
        channel: 'ONLINE',
        receivedOn: '2023-03-01',
        dueOn: '2023-03-10',
        endedOn: '2023-03-09',
        endKind: 'DECIDED',
      }),
      ...dossiers(1_556, {
        receivedOn: '2023-03-01',
        dueOn: '2023-03-10',
        endedOn: '2023-03-10',
        endKind: 'DECIDED',
      }),
      ...dossiers(202, { receivedOn: '2023-06-05', dueOn: '2023-06-20' }),
    ];
    const row = all.reduce((r, d) => addToRow(r, d, period), EMPTY_ROW);
    expect(row).toMatchObject({
      received: 1_917,
      receivedOnline: 158,
      receivedDirectOrPostal: 1_758,
      carriedOver: 1,
      resolved: 1_715,
      inProgress: 202,
      inProgressOverdue: 0,
      apologyLetters: 0,
    });
    expect(row.resolvedEarly + row.resolvedOnTime).toBe(1_715);
    expect(row.receivedDirectOrPostal + row.carriedOver).toBe(1_759);
    expect(consistencyErrors(row)).toEqual([]);
  });

  it('counts a dossier with more than one supplement request as late, whatever its dates', () => {
    const row = tally(dossiers(1, { endedOn: '2024-03-02', endKind: 'DECIDED', supplementRequests: 2 }));
    expect(row.resolvedLate).toBe(1);
  });

  it('ignores dossiers that ended before the period or were received after it', () => {
    const row = tally([
      ...dossiers(1, { receivedOn: '2023-11-01', endedOn: '2023-12-01', endKind: 'DECIDED' }),
      ...dossiers(1, { receivedOn: '2024-06-15' }),
    ]);
    expect(row).toEqual(EMPTY_ROW);
  });

  it('keeps the form consistent for any set of dossiers', () => {
    const day = fc
      .integer({ min: 0, max: 400 })
      .map((n) => new Date(Date.UTC(2023, 9, 1 + n)).toISOString().slice(0, 10));
    const dossier = fc
      .record({
        receivedOn: day,
        channel: fc.constantFrom('DIRECT' as const, 'ONLINE' as const, 'POSTAL' as const),
        dueOn: day,
        ended: fc.option(
          fc.tuple(day, fc.constantFrom('DECIDED' as const, 'RETURNED' as const, 'WITHDRAWN' as const)),
        ),
        supplementRequests: fc.integer({ min: 0, max: 3 }),
        waitingForApplicant: fc.boolean(),
        apologySent: fc.boolean(),
      })
      .map(({ ended, ...d }): DossierFacts => ({
        ...d,
        endedOn: ended && ended[0] >= d.receivedOn ? ended[0] : null,
        endKind: ended && ended[0] >= d.receivedOn ? ended[1] : null,
      }));
    fc.assert(
      fc.property(fc.array(dossier, { maxLength: 60 }), (all) => {
        expect(consistencyErrors(tally(all))).toEqual([]);
      }),
    );
  });
});
