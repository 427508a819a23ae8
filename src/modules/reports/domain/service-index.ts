/**
 * Decision 766/QĐ-TTg scoring rule for a rate-based sub-indicator: full points at or above the threshold,
 * otherwise rate × max ÷ threshold. Without a threshold the score is rate × max. Points and thresholds are data
 * (reporting-rules.json); most are unconfirmed.
 */
export function indicatorScore(rate: number, maxPoints: number, thresholdPct: number | null): number {
  if (!(rate >= 0 && rate <= 1)) throw new RangeError('rate must be within 0..1');
  const threshold = thresholdPct === null ? 1 : thresholdPct / 100;
  const score = rate >= threshold ? maxPoints : (rate * maxPoints) / threshold;
  return Math.round(score * 100) / 100;
}

/** 5.4: satisfaction = 100% − (overdue rate + rate of dossiers with feedback or a "dislike"), floored at 0. */
export function satisfactionRate(overdueRate: number, feedbackRate: number): number {
  return Math.max(0, 1 - (overdueRate + feedbackRate));
}
