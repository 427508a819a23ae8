/** A part of a whole, as the reports publish it: both counts, the rate (0…1) and basis points (9998 = 99.98 %). */
export interface Share {
  part: number;
  whole: number;
  /** part ÷ whole; null when the whole is 0 (nothing to measure, which is not 0 %). */
  rate: number | null;
  /** round(part × 10,000 ÷ whole); null when the whole is 0. */
  basisPoints: number | null;
}

/** part ÷ whole with its basis points; throws RangeError unless 0 ≤ part ≤ whole are whole numbers. */
export function shareOf(part: number, whole: number): Share {
  if (!Number.isInteger(part) || !Number.isInteger(whole) || part < 0 || part > whole)
    throw new RangeError(`A share needs 0 ≤ part ≤ whole (got ${part} of ${whole})`);
  if (whole === 0) return { part, whole, rate: null, basisPoints: null };
  return { part, whole, rate: part / whole, basisPoints: Math.round((part * 10_000) / whole) };
}
