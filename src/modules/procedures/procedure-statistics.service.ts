import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainException } from 'src/common/errors/domain.exception';
import type { DecisionAction } from 'src/modules/procedures/domain/procedure.types';
import { businessToday } from 'src/modules/procedures/procedures.service';

export interface CountRow {
  key: string;
  count: number;
}

export interface CatalogStatistics {
  onDate: string;
  total: number;
  /**
   * Exclusive level groups, so the parts add up to the total: a single level (PROVINCE, DISTRICT, COMMUNE,
   * CENTRAL, OTHER), MULTI_LEVEL when several levels handle it, NOT_STATED when the source names none.
   */
  byLevel: CountRow[];
  byField: CountRow[];
  /** FULL, PARTIAL, NONE or NOT_STATED. */
  byOnlineMode: CountRow[];
  /** '1'…'4' or NOT_STATED. */
  byLegacyLevel: CountRow[];
}

export interface DecisionActionCount {
  action: DecisionAction;
  count: number;
  byLevel: CountRow[];
}

export interface DecisionStatistics {
  from: string;
  to: string;
  /** Applied decisions signed in [from, to]; decisions whose signing date is unknown are not counted. */
  decisions: number;
  decisionNumbers: string[];
  actions: DecisionActionCount[];
  /** "03 amended (01 province, 01 commune, 01 district), 04 new (04 commune), 03 abolished (03 commune)". */
  summary: string;
  summaryVi: string;
}

/** Level group of a procedure (exclusive). */
const LEVEL_GROUP = (col: string): string => `case when cardinality(${col}) = 0 then 'NOT_STATED'
  when cardinality(${col}) > 1 then 'MULTI_LEVEL' else ${col}[1] end`;

const ACTION_ORDER: DecisionAction[] = ['AMENDED', 'REPLACED', 'NEW', 'ABOLISHED'];
const ACTION_EN: Record<DecisionAction, string> = {
  AMENDED: 'amended',
  REPLACED: 'replaced',
  NEW: 'new',
  ABOLISHED: 'abolished',
};
const ACTION_VI: Record<DecisionAction, string> = {
  AMENDED: 'sửa đổi, bổ sung',
  REPLACED: 'thay thế',
  NEW: 'ban hành mới',
  ABOLISHED: 'bãi bỏ',
};
const LEVEL_EN: Record<string, string> = {
  PROVINCE: 'province',
  DISTRICT: 'district',
  COMMUNE: 'commune',
  CENTRAL: 'central',
  OTHER: 'other agency',
  MULTI_LEVEL: 'several levels',
  NOT_STATED: 'level not stated',
};
const LEVEL_VI: Record<string, string> = {
  PROVINCE: 'cấp tỉnh',
  DISTRICT: 'cấp huyện',
  COMMUNE: 'cấp xã',
  CENTRAL: 'cấp trung ương',
  OTHER: 'cơ quan khác',
  MULTI_LEVEL: 'nhiều cấp',
  NOT_STATED: 'không ghi cấp',
};

const two = (n: number): string => String(n).padStart(2, '0');

/** Counts the department reports about its catalog and its publication decisions. */
@Injectable()
export class ProcedureStatisticsService {
  constructor(private readonly dataSource: DataSource) {}

  async catalog(onDate = businessToday()): Promise<CatalogStatistics> {
    const group = (expr: string): Promise<CountRow[]> =>
      this.dataSource.query<CountRow[]>(
        `select ${expr} as key, count(*)::int as count
         from procedure_versions v
         where (v.valid_from is null or v.valid_from <= $1::date) and (v.valid_to is null or v.valid_to > $1::date)
         group by 1 order by 2 desc, 1`,
        [onDate],
      );
    const [byLevel, byField, byOnlineMode, byLegacyLevel] = await Promise.all([
      group(LEVEL_GROUP('v.levels')),
      group('v.field_code'),
      group(`coalesce(v.online_mode, 'NOT_STATED')`),
      group(`coalesce(v.legacy_online_level::text, 'NOT_STATED')`),
    ]);
    return {
      onDate,
      total: byField.reduce((s, r) => s + r.count, 0),
      byLevel,
      byField,
      byOnlineMode,
      byLegacyLevel,
    };
  }

  async decisions(from: string, to: string): Promise<DecisionStatistics> {
    if (to < from) throw new DomainException('BAD_REQUEST', 'The period ends before it starts');
    const decisions = await this.dataSource.query<Array<{ number: string | null }>>(
      `select number from procedure_decisions
       where status = 'APPLIED' and signed_on between $1::date and $2::date order by signed_on, number`,
      [from, to],
    );
    const rows = await this.dataSource.query<Array<{ action: DecisionAction; level: string; count: number }>>(
      `select i.action, ${LEVEL_GROUP('i.levels')} as level, count(*)::int as count
       from procedure_decision_items i join procedure_decisions d on d.id = i.decision_id
       where d.status = 'APPLIED' and d.signed_on between $1::date and $2::date
       group by 1, 2
       order by 1, 3 desc, array_position(array['CENTRAL', 'PROVINCE', 'DISTRICT', 'COMMUNE', 'OTHER',
         'MULTI_LEVEL', 'NOT_STATED'], ${LEVEL_GROUP('i.levels')})`,
      [from, to],
    );
    const actions = ACTION_ORDER.map((action) => {
      const byLevel = rows.filter((r) => r.action === action).map((r) => ({ key: r.level, count: r.count }));
      return { action, count: byLevel.reduce((s, r) => s + r.count, 0), byLevel };
    });
    const render = (
      actionWords: Record<DecisionAction, string>,
      levelWords: Record<string, string>,
      vi: boolean,
    ) =>
      actions
        .filter((a) => a.count > 0)
        .map((a) => {
          const parts = a.byLevel.map((l) => `${two(l.count)} ${levelWords[l.key] ?? l.key}`).join(', ');
          return vi
            ? `${actionWords[a.action]} ${two(a.count)} (${parts})`
            : `${two(a.count)} ${actionWords[a.action]} (${parts})`;
        })
        .join(', ') || (vi ? 'không có thủ tục nào thay đổi' : 'no procedure changed');
    return {
      from,
      to,
      decisions: decisions.length,
      decisionNumbers: decisions.map((d) => d.number ?? '(no number)'),
      actions,
      summary: render(ACTION_EN, LEVEL_EN, false),
      summaryVi: render(ACTION_VI, LEVEL_VI, true),
    };
  }
}
