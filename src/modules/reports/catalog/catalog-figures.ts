/** A group of a breakdown: the key counted (a level, field code, online mode or legacy level) and its count. */
export interface KeyCount {
  key: string;
  count: number;
}

export interface InForceFigures {
  total: number;
  /** Exclusive: one level (PROVINCE, DISTRICT, COMMUNE, CENTRAL, OTHER), MULTI_LEVEL or NOT_STATED. */
  byLevel: KeyCount[];
  byField: KeyCount[];
  /** FULL, PARTIAL, NONE or NOT_STATED (Decree 42/2022 art. 11). */
  byOnlineMode: KeyCount[];
  /** '1'…'4' (Decree 43/2011) or NOT_STATED. */
  byLegacyLevel: KeyCount[];
}

export const DECISION_ACTIONS = ['NEW', 'AMENDED', 'REPLACED', 'ABOLISHED'] as const;
export type DecisionActionKey = (typeof DECISION_ACTIONS)[number];

export interface DecisionFigures {
  /** Applied decisions signed in the period with at least one counted item. */
  decisions: number;
  /** Procedures changed, per action, each split by exclusive level group. */
  actions: Array<{ action: DecisionActionKey; count: number; byLevel: KeyCount[] }>;
}

/** Row of the grouping-sets query: `g` is grouping(level_group, field_code, online_mode, legacy_level). */
export interface InForceGroupRow {
  level_group: string | null;
  field_code: string | null;
  online_mode: string | null;
  legacy_level: string | null;
  g: number;
  count: number;
}

const byCountThenKey = (a: KeyCount, b: KeyCount): number => b.count - a.count || a.key.localeCompare(b.key);

/** The four breakdowns and the total from the grouping-sets rows (bit set = column aggregated away). */
export function inForceFigures(rows: InForceGroupRow[]): InForceFigures {
  const pick = (g: number, col: keyof InForceGroupRow): KeyCount[] =>
    rows
      .filter((r) => r.g === g)
      .map((r) => ({ key: String(r[col]), count: r.count }))
      .sort(byCountThenKey);
  return {
    total: rows.find((r) => r.g === 15)?.count ?? 0,
    byLevel: pick(7, 'level_group'),
    byField: pick(11, 'field_code'),
    byOnlineMode: pick(13, 'online_mode'),
    byLegacyLevel: pick(14, 'legacy_level'),
  };
}

/** Every breakdown adds up to the total (each procedure in force falls in exactly one group of each). */
export function breakdownErrors(f: InForceFigures): string[] {
  const sum = (xs: KeyCount[]): number => xs.reduce((s, x) => s + x.count, 0);
  return (['byLevel', 'byField', 'byOnlineMode', 'byLegacyLevel'] as const)
    .filter((k) => sum(f[k]) !== f.total)
    .map((k) => `${k} adds up to ${sum(f[k])}, not ${f.total}`);
}

/** Decision items (one per procedure changed) grouped by action, then exclusive level group. */
export function decisionFigures(
  items: Array<{ decisionId: string; action: DecisionActionKey; levelGroup: string }>,
): DecisionFigures {
  return {
    decisions: new Set(items.map((i) => i.decisionId)).size,
    actions: DECISION_ACTIONS.map((action) => {
      const mine = items.filter((i) => i.action === action);
      const levels = new Map<string, number>();
      for (const i of mine) levels.set(i.levelGroup, (levels.get(i.levelGroup) ?? 0) + 1);
      return {
        action,
        count: mine.length,
        byLevel: [...levels.entries()].map(([key, count]) => ({ key, count })).sort(byCountThenKey),
      };
    }),
  };
}
