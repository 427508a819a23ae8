/**
 * Money is integer VND (`number`, always a safe integer). Coefficients are integer hundredths (1.5 → 150) so no
 * floating point ever touches an amount. Rounding is half-up, done on integers.
 */

/** Throws unless `value` is a safe integer amount of VND. */
export function assertVnd(value: number, what = 'amount'): number {
  if (!Number.isSafeInteger(value))
    throw new RangeError(`${what} must be an integer number of VND, got ${value}`);
  return value;
}

/** Parses a bigint column (pg returns strings) into integer VND. */
export function parseVnd(value: string | number | bigint | null | undefined): number {
  if (value === null || value === undefined) return 0;
  const n = typeof value === 'number' ? value : Number(value);
  return assertVnd(n, `VND value "${String(value)}"`);
}

/** round(numerator / denominator), half away from zero, in integers (denominator > 0). */
export function roundDiv(numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator <= 0)
    throw new RangeError(`roundDiv needs safe integers and a positive denominator`);
  const sign = numerator < 0 ? -1 : 1;
  const abs = Math.abs(numerator);
  return sign * Math.floor((2 * abs + denominator) / (2 * denominator));
}

/** Rounds to the nearest 1,000 VND (half up), as the decrees on preferential allowances require. */
export function roundToThousand(amount: number): number {
  return roundDiv(assertVnd(amount), 1000) * 1000;
}

/** `base × coefficient` with the coefficient in hundredths, rounded half-up to the VND. */
export function applyCoefficient(base: number, coefficientHundredths: number): number {
  assertVnd(base, 'base');
  if (!Number.isSafeInteger(coefficientHundredths) || coefficientHundredths < 0)
    throw new RangeError('coefficient must be a non-negative integer number of hundredths');
  return roundDiv(base * coefficientHundredths, 100);
}

/** `amount × newBase / oldBase`, rounded to the nearest 1,000 VND (recomputing a table when the base changes). */
export function rescaleToThousand(amount: number, newBase: number, oldBase: number): number {
  assertVnd(amount);
  assertVnd(newBase, 'new base');
  assertVnd(oldBase, 'old base');
  // amount × newBase stays below 2^53 for any allowance below ~3 billion VND × base below ~3 million.
  return roundDiv(amount * newBase, oldBase * 1000) * 1000;
}

/** Coefficient hundredths as text, e.g. 250 → "2.5", 100 → "1.0". */
export function formatCoefficient(hundredths: number): string {
  const whole = Math.floor(hundredths / 100);
  const frac = hundredths % 100;
  if (frac === 0) return `${whole}.0`;
  return `${whole}.${String(frac).padStart(2, '0').replace(/0$/, '')}`;
}

/** Parses "2.5" / "1.50" / "2" into hundredths without floating point. */
export function parseCoefficient(text: string): number {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) throw new RangeError(`coefficient "${text}" must look like 1.5 or 2.25`);
  return Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
}

/** Share in basis points (hundredths of a percent), rounded half-up: 219,846 / 294,015 → 7478 (74.78%). */
export function shareBasisPoints(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return roundDiv(part * 10_000, whole);
}

/** Basis points as a percent string with two decimals: 7478 → "74.78". */
export function formatBasisPoints(bp: number): string {
  return `${Math.floor(bp / 100)}.${String(bp % 100).padStart(2, '0')}`;
}
