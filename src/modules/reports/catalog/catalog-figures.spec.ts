import fc from 'fast-check';
import {
  breakdownErrors,
  decisionFigures,
  inForceFigures,
  type InForceGroupRow,
} from 'src/modules/reports/catalog/catalog-figures';

const row = (g: number, col: Partial<InForceGroupRow>, count: number): InForceGroupRow => ({
  level_group: null,
  field_code: null,
  online_mode: null,
  legacy_level: null,
  g,
  count,
  ...col,
});

describe('catalog figures', () => {
  it('Đắk Nông, first half of 2023: 131 procedures, 13 at level 4, 7 at level 3, 111 at level 2', () => {
    const f = inForceFigures([
      row(15, {}, 131),
      row(14, { legacy_level: '2' }, 111),
      row(14, { legacy_level: '3' }, 7),
      row(14, { legacy_level: '4' }, 13),
      row(7, { level_group: 'PROVINCE' }, 131),
      row(11, { field_code: 'NGUOI_CO_CONG' }, 131),
      row(13, { online_mode: 'NOT_STATED' }, 131),
    ]);
    expect(f.total).toBe(131);
    expect(f.byLegacyLevel).toEqual([
      { key: '2', count: 111 },
      { key: '4', count: 13 },
      { key: '3', count: 7 },
    ]);
    expect(breakdownErrors(f)).toEqual([]);
  });

  it('Đắk Nông decisions: 3 amended (1 province, 1 commune, 1 district), 4 new (commune), 3 abolished (commune)', () => {
    const items = [
      { decisionId: 'd1', action: 'AMENDED' as const, levelGroup: 'PROVINCE' },
      { decisionId: 'd2', action: 'AMENDED' as const, levelGroup: 'COMMUNE' },
      { decisionId: 'd3', action: 'AMENDED' as const, levelGroup: 'DISTRICT' },
      ...[1, 2, 3, 4].map(() => ({ decisionId: 'd2', action: 'NEW' as const, levelGroup: 'COMMUNE' })),
      ...[1, 2, 3].map(() => ({ decisionId: 'd2', action: 'ABOLISHED' as const, levelGroup: 'COMMUNE' })),
    ];
    const f = decisionFigures(items);
    expect(f.decisions).toBe(3);
    expect(f.actions.find((a) => a.action === 'AMENDED')).toEqual({
      action: 'AMENDED',
      count: 3,
      byLevel: [
        { key: 'COMMUNE', count: 1 },
        { key: 'DISTRICT', count: 1 },
        { key: 'PROVINCE', count: 1 },
      ],
    });
    expect(f.actions.find((a) => a.action === 'NEW')?.byLevel).toEqual([{ key: 'COMMUNE', count: 4 }]);
    expect(f.actions.find((a) => a.action === 'ABOLISHED')?.count).toBe(3);
  });

  it('a breakdown that does not add up to the total is reported', () => {
    const f = inForceFigures([row(15, {}, 3), row(14, { legacy_level: '2' }, 2)]);
    expect(breakdownErrors(f)).toContain('byLegacyLevel adds up to 2, not 3');
  });

  it('decision items: each action counts its items, split by level groups that add up to it', () => {
    const action = fc.constantFrom('NEW' as const, 'AMENDED' as const, 'REPLACED' as const, 'ABOLISHED' as const);
    const level = fc.constantFrom('PROVINCE', 'COMMUNE', 'MULTI_LEVEL');
    fc.assert(
      fc.property(fc.array(fc.record({ decisionId: fc.constantFrom('a', 'b'), action, levelGroup: level })), (items) => {
        const f = decisionFigures(items);
        return (
          f.actions.reduce((s, a) => s + a.count, 0) === items.length &&
          f.actions.every((a) => a.byLevel.reduce((s, l) => s + l.count, 0) === a.count)
        );
      }),
    );
  });
});
