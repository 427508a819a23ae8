import fc from 'fast-check';
import {
  LISTED_POVERTY_CLASSES,
  povertyFlow,
  yearEnds,
  type HouseholdClassChange,
} from 'src/modules/reports/registries/poverty-flow';
import { eraOn } from 'src/modules/reports/registries/report-units.sql';

describe('poverty flow between two year ends', () => {
  it('worked example: 5 households, poor 2 → 2 with one entry and one exit; a poor → near-poor move is both', () => {
    const households: HouseholdClassChange[] = [
      { before: 'POOR', after: 'NEAR_POOR' }, // left the poor list for the near-poor one
      { before: 'POOR', after: 'POOR' },
      { before: null, after: 'POOR' }, // newly poor
      { before: 'NEAR_POOR', after: null }, // escaped
      { before: null, after: 'AVERAGE_LIVING_STANDARD' },
    ];
    expect(povertyFlow(households, 'POOR')).toEqual({ previous: 2, current: 2, entries: 1, exits: 1 });
    expect(povertyFlow(households, 'NEAR_POOR')).toEqual({ previous: 1, current: 1, entries: 1, exits: 1 });
    expect(povertyFlow(households, 'AVERAGE_LIVING_STANDARD')).toEqual({ previous: 0, current: 1, entries: 1, exits: 0 });
  });

  it('the year of 2025 compares 31 December 2024 with 31 December 2025', () => {
    expect(yearEnds(2025)).toEqual({ previous: '2024-12-31', current: '2025-12-31' });
  });

  it('rows are in the era in force on the date: old units up to 30 June 2025, new ones from 1 July 2025', () => {
    expect(eraOn('2025-06-30')).toBe('PRE_2025');
    expect(eraOn('2025-07-01')).toBe('POST_2025');
  });

  it('property: entries − exits = change in stock, and neither exceeds its stock', () => {
    const cls = fc.constantFrom(null, ...LISTED_POVERTY_CLASSES);
    fc.assert(
      fc.property(fc.array(fc.record({ before: cls, after: cls }), { maxLength: 200 }), (households) => {
        for (const c of LISTED_POVERTY_CLASSES) {
          const f = povertyFlow(households, c);
          expect(f.entries - f.exits).toBe(f.current - f.previous);
          expect(f.entries).toBeLessThanOrEqual(f.current);
          expect(f.exits).toBeLessThanOrEqual(f.previous);
        }
        // A household is in at most one class at each date: the stocks add up to the listed households.
        const listed = households.filter((h) => h.after !== null).length;
        expect(LISTED_POVERTY_CLASSES.reduce((n, c) => n + povertyFlow(households, c).current, 0)).toBe(listed);
      }),
    );
  });
});
