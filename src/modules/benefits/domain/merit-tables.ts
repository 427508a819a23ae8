import { applyCoefficient, roundDiv, rescaleToThousand } from 'src/modules/benefits/domain/money';
import type {
  BaseLevelVersion,
  MeritTableRow,
  MeritTableVersion,
} from 'src/modules/benefits/domain/rules.model';
import {
  APPENDIX_I_AT_2789,
  APPENDIX_II_SOURCED_AT_2789,
  APPENDIX_III_SOURCED_AT_2789,
  SICK_SOLDIER_BANDS_AT_2789,
  SOURCED_MERIT_BASE,
} from 'src/modules/benefits/seed-data/merit-tables.seed-data';

/**
 * Fills every integer % from 21 to 100 from the sourced points: sourced points as read, the points between them by
 * linear interpolation rounded to the nearest 1,000 VND and marked INTERPOLATED (the appendix is authoritative;
 * replace them when the full table is transcribed).
 */
export function fillPercentTable(
  table: 'APPENDIX_II' | 'APPENDIX_III',
  labelPrefix: string,
  sourced: Record<number, number>,
): MeritTableRow[] {
  const points = Object.keys(sourced)
    .map(Number)
    .sort((a, b) => a - b);
  if (points[0] !== 21 || points[points.length - 1] !== 100)
    throw new Error(`${table}: need the 21% and 100% points`);
  const rows: MeritTableRow[] = [];
  for (let rate = 21; rate <= 100; rate++) {
    const exact = sourced[rate];
    if (exact !== undefined) {
      rows.push({
        table,
        key: String(rate),
        label: `${labelPrefix} ${rate}%`,
        amount: exact,
        origin: 'SOURCED',
      });
      continue;
    }
    const hi = points.find((p) => p > rate) as number;
    const lo = [...points].reverse().find((p) => p < rate) as number;
    const a = sourced[lo];
    const b = sourced[hi];
    // a + (b − a)(rate − lo)/(hi − lo), rounded to the nearest 1,000, all in integers.
    const amount = roundDiv(a * (hi - lo) + (b - a) * (rate - lo), (hi - lo) * 1000) * 1000;
    rows.push({ table, key: String(rate), label: `${labelPrefix} ${rate}%`, amount, origin: 'INTERPOLATED' });
  }
  return rows;
}

/** The tables at the sourced base (2,789,000). */
export function sourcedMeritRows(): MeritTableRow[] {
  const rows: MeritTableRow[] = APPENDIX_I_AT_2789.map((r) => ({
    table: 'APPENDIX_I' as const,
    key: r.key,
    label: r.label,
    amount: r.amount,
    origin: r.multiple ? ('MULTIPLE_OF_BASE' as const) : ('SOURCED' as const),
    baseMultipleHundredths: r.multiple,
  }));
  rows.push(...fillPercentTable('APPENDIX_II', 'Thương binh', APPENDIX_II_SOURCED_AT_2789));
  rows.push(...fillPercentTable('APPENDIX_III', 'Thương binh loại B', APPENDIX_III_SOURCED_AT_2789));
  for (const band of SICK_SOLDIER_BANDS_AT_2789)
    rows.push({
      table: 'SICK_SOLDIER',
      key: `${band.from}-${band.to}`,
      label: `Bệnh binh ${band.from}–${band.to}%`,
      amount: band.amount,
      origin: 'SOURCED',
    });
  return rows;
}

/**
 * A version's whole tables: at the sourced base, the sourced tables; at any other base, multiples of the base are
 * exact and every other amount is the sourced one recomputed for the new base and rounded to the nearest 1,000 VND
 * (how the decrees recompute them), marked SCALED.
 */
export function meritTablesFor(base: BaseLevelVersion): MeritTableVersion {
  const sourced = sourcedMeritRows();
  if (base.amount === SOURCED_MERIT_BASE) return { base, rows: sourced };
  const rows = sourced.map((row): MeritTableRow => {
    if (row.baseMultipleHundredths)
      return {
        ...row,
        amount: applyCoefficient(base.amount, row.baseMultipleHundredths),
        origin: 'MULTIPLE_OF_BASE',
      };
    return {
      ...row,
      amount: rescaleToThousand(row.amount, base.amount, SOURCED_MERIT_BASE),
      origin: 'SCALED',
    };
  });
  return { base, rows };
}

/** The sick-soldier band key for an injury rate (41–100), e.g. 63 → '61-70'. */
export function sickSoldierBand(rate: number): string {
  const band = SICK_SOLDIER_BANDS_AT_2789.find((b) => rate >= b.from && rate <= b.to);
  if (!band) throw new RangeError(`no sick-soldier band for ${rate}%`);
  return `${band.from}-${band.to}`;
}
