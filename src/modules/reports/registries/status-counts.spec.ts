import fc from 'fast-check';
import { paidFigures, type PaidLine } from 'src/modules/reports/payments/paid-figures';
import { countStatuses, type HeldStatus } from 'src/modules/reports/registries/status-counts';

describe('meritorious and social-protection counts: people, not status periods', () => {
  it('worked example: a war invalid, a martyr and the mother of two martyrs', () => {
    const held: HeldStatus[] = [
      { personId: 'm1', category: 'WAR_INVALID', role: 'SUBJECT' },
      { personId: 'm2', category: 'MARTYR', role: 'SUBJECT' },
      { personId: 'r1', category: 'MARTYR', role: 'RELATIVE' }, // mother of m2
      { personId: 'r1', category: 'MARTYR', role: 'RELATIVE' }, // and of another martyr: still one relative
    ];
    const counts = countStatuses(held);
    expect(Object.fromEntries(counts.categories)).toEqual({
      WAR_INVALID: { subjects: 1, relatives: 0 },
      MARTYR: { subjects: 1, relatives: 1 },
    });
    expect(counts.total).toEqual({ subjects: 2, relatives: 1 });
  });

  it('property: the total is at most the sum of the categories and at least the largest one', () => {
    const held = fc.array(
      fc.record({
        personId: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
        category: fc.constantFrom('MARTYR', 'HERO', 'K5A_60_TO_80'),
        role: fc.constantFrom('SUBJECT' as const, 'RELATIVE' as const),
      }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(held, (rows) => {
        const c = countStatuses(rows);
        const cats = [...c.categories.values()];
        for (const role of ['subjects', 'relatives'] as const) {
          expect(c.total[role]).toBeLessThanOrEqual(cats.reduce((n, x) => n + x[role], 0));
          expect(c.total[role]).toBeGreaterThanOrEqual(Math.max(0, ...cats.map((x) => x[role])));
        }
      }),
    );
  });
});

describe('paid through accounts in a period', () => {
  it('worked example: official first half of 2024 (15 Dec 2023 – 14 Jun 2024) takes the cycles of January to June', () => {
    const lines: PaidLine[] = [
      { personId: 'p1', amount: 750_000, cycleMonth: '2023-12-01' }, // before the period: cumulative only
      { personId: 'p1', amount: 750_000, cycleMonth: '2024-01-01' },
      { personId: 'p1', amount: 750_000, cycleMonth: '2024-06-01' },
      { personId: 'p2', amount: 1_000_000, cycleMonth: '2024-03-01' },
      { personId: 'p3', amount: 500_000, cycleMonth: '2024-07-01' }, // after: neither
    ];
    expect(paidFigures(lines, { from: '2023-12-15', to: '2024-06-14' })).toEqual({
      people: 2,
      amount: 2_500_000,
      lines: 3,
      cumulativePeople: 2,
      cumulativeAmount: 3_250_000,
    });
  });

  it('property: consecutive official months split the year without overlap, and cumulative ≥ in period', () => {
    const line = fc.record({
      personId: fc.constantFrom('a', 'b', 'c'),
      amount: fc.integer({ min: 1, max: 5_000_000 }),
      cycleMonth: fc.integer({ min: 1, max: 12 }).map((m) => `2024-${String(m).padStart(2, '0')}-01`),
    });
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), (lines) => {
        const months = Array.from({ length: 12 }, (_, i) => {
          const from = i === 0 ? '2023-12-15' : `2024-${String(i).padStart(2, '0')}-15`;
          return paidFigures(lines, { from, to: `2024-${String(i + 1).padStart(2, '0')}-14` });
        });
        const year = paidFigures(lines, { from: '2023-12-15', to: '2024-12-14' });
        expect(months.reduce((n, m) => n + m.amount, 0)).toBe(year.amount);
        expect(months.reduce((n, m) => n + m.lines, 0)).toBe(year.lines);
        for (const m of months) expect(m.cumulativeAmount).toBeGreaterThanOrEqual(m.amount);
      }),
    );
  });
});
