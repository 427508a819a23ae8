/** One bank-transfer payment line reported PAID: whose, how much (VND), and the month of its cycle ('YYYY-MM-01'). */
export interface PaidLine {
  personId: string;
  amount: number;
  cycleMonth: string;
}

/**
 * The definition behind "paid through accounts" (payments-report.sql.ts counts the same way): a cycle belongs to the
 * period when its month's first day is inside it; cumulative figures take every cycle up to the period's end.
 */
export function paidFigures(
  lines: readonly PaidLine[],
  period: { from: string; to: string },
): { people: number; amount: number; lines: number; cumulativePeople: number; cumulativeAmount: number } {
  const inPeriod = lines.filter((l) => l.cycleMonth >= period.from && l.cycleMonth <= period.to);
  const upTo = lines.filter((l) => l.cycleMonth <= period.to);
  const sum = (ls: readonly PaidLine[]): number => ls.reduce((n, l) => n + l.amount, 0);
  return {
    people: new Set(inPeriod.map((l) => l.personId)).size,
    amount: sum(inPeriod),
    lines: inPeriod.length,
    cumulativePeople: new Set(upTo.map((l) => l.personId)).size,
    cumulativeAmount: sum(upTo),
  };
}
