import { indicatorScore } from 'src/modules/reports/domain/service-index';
import { shareOf, type Share } from 'src/modules/reports/filters/share';

/** The counts of one agency in a period from which the service computes its Decision 766 sub-indicators. */
export interface AgencyIndexCounts {
  /** Procedures in force on the period's last day that the agency implements. */
  inForce: number;
  /** Of those, published with every part the index requires (seed-data publicityParts). */
  publishedComplete: number;
  /** Of those, offered online (seed-data onlineOffered modes: full or partial). */
  offeredOnline: number;
  /** Of those offered online, the ones that received at least one online dossier in the period. */
  offeredOnlineUsed: number;
  /** Dossiers decided (approved or rejected) in the period, and of those early or on time (processing report). */
  decided: number;
  decidedEarlyOrOnTime: number;
  /** Dossiers received in the period, and of those online. */
  received: number;
  receivedOnline: number;
  /** Of the decided dossiers: with an electronic result; with it and every document digitised. */
  electronicResult: number;
  fullyDigitised: number;
}

/** An agency with no catalog and no dossiers in the period. */
export const NO_COUNTS: AgencyIndexCounts = {
  inForce: 0,
  publishedComplete: 0,
  offeredOnline: 0,
  offeredOnlineUsed: 0,
  decided: 0,
  decidedEarlyOrOnTime: 0,
  received: 0,
  receivedOnline: 0,
  electronicResult: 0,
  fullyDigitised: 0,
};

export interface IndicatorRule {
  maxPoints: number;
  thresholdPct: number | null;
  unconfirmed: boolean;
}

export interface IndexRules {
  groups: Record<string, number>;
  indicators: Record<string, IndicatorRule>;
}

/** The sub-indicators this service has data for, with the formula of each (DOMAIN.md, Decision 766). */
export const INDICATORS = [
  {
    code: '1.3',
    group: '1',
    name: 'Procedures published with all parts',
    formula: 'procedures in force implemented by the agency with every required part ÷ procedures in force it implements',
    rate: (c: AgencyIndexCounts): Share => shareOf(c.publishedComplete, c.inForce),
  },
  {
    code: '2.1',
    group: '2',
    name: 'Dossiers resolved early or on time',
    formula:
      'dossiers decided in the period early or on time ÷ dossiers decided in the period (Form II.06a timeliness: ' +
      'more than one supplement request is late)',
    rate: (c: AgencyIndexCounts): Share => shareOf(c.decidedEarlyOrOnTime, c.decided),
  },
  {
    code: '3.1',
    group: '3',
    name: 'Procedures offered online (full or partial)',
    formula: 'procedures in force implemented by the agency offered fully or partly online ÷ procedures in force it implements',
    rate: (c: AgencyIndexCounts): Share => shareOf(c.offeredOnline, c.inForce),
  },
  {
    code: '3.2',
    group: '3',
    name: 'Online services that received dossiers',
    formula: 'procedures offered online that received at least one online dossier in the period ÷ procedures offered online',
    rate: (c: AgencyIndexCounts): Share => shareOf(c.offeredOnlineUsed, c.offeredOnline),
  },
  {
    code: '3.3',
    group: '3',
    name: 'Dossiers received online',
    formula: 'dossiers received online in the period ÷ dossiers received in the period (online + direct + postal)',
    rate: (c: AgencyIndexCounts): Share => shareOf(c.receivedOnline, c.received),
  },
  {
    code: '4.1',
    group: '4',
    name: 'Dossiers with an electronic result',
    formula: 'dossiers decided in the period with an electronic result with legal value ÷ dossiers decided in the period',
    rate: (c: AgencyIndexCounts): Share => shareOf(c.electronicResult, c.decided),
  },
  {
    code: '4.2',
    group: '4',
    name: 'Dossiers digitised (components and electronic result)',
    formula:
      'dossiers decided in the period with an electronic result and every submitted document stored as a file ÷ ' +
      'dossiers decided in the period',
    rate: (c: AgencyIndexCounts): Share => shareOf(c.fullyDigitised, c.decided),
  },
] as const;

export interface IndicatorScore {
  code: string;
  group: string;
  name: string;
  formula: string;
  share: Share;
  /** From the rules; null when the rules give this sub-indicator no points (then it is reported, not scored). */
  maxPoints: number | null;
  thresholdPct: number | null;
  unconfirmed: boolean;
  /** Full points at or above the threshold, else rate × max ÷ threshold; null without data or without points. */
  points: number | null;
}

export interface GroupScore {
  group: string;
  /** The group's points in the whole index (18, 20, 22, 22, 18). */
  groupMaxPoints: number;
  /** Sum of the max points of its sub-indicators scored here (those with data and points). */
  availablePoints: number;
  points: number;
}

export interface AgencyScore {
  indicators: IndicatorScore[];
  groups: GroupScore[];
  /** Sum of the scored sub-indicators, out of `availablePoints` (not out of 100: the rest has no data here). */
  points: number;
  availablePoints: number;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

/** Scores one agency's counts with the Decision 766 rule: each sub-indicator, its group, the total available. */
export function scoreAgency(c: AgencyIndexCounts, rules: IndexRules): AgencyScore {
  const indicators = INDICATORS.map((ind): IndicatorScore => {
    const rule = rules.indicators[ind.code];
    const share = ind.rate(c);
    const points = rule && share.rate !== null ? indicatorScore(share.rate, rule.maxPoints, rule.thresholdPct) : null;
    return {
      code: ind.code,
      group: ind.group,
      name: ind.name,
      formula: ind.formula,
      share,
      maxPoints: rule?.maxPoints ?? null,
      thresholdPct: rule?.thresholdPct ?? null,
      unconfirmed: rule?.unconfirmed ?? true,
      points,
    };
  });
  const groups = ['1', '2', '3', '4'].map((group): GroupScore => {
    const scored = indicators.filter((i) => i.group === group && i.points !== null);
    return {
      group,
      groupMaxPoints: rules.groups[group] ?? 0,
      availablePoints: scored.reduce((s, i) => s + (i.maxPoints ?? 0), 0),
      points: round2(scored.reduce((s, i) => s + (i.points ?? 0), 0)),
    };
  });
  return {
    indicators,
    groups,
    points: round2(groups.reduce((s, g) => s + g.points, 0)),
    availablePoints: groups.reduce((s, g) => s + g.availablePoints, 0),
  };
}
