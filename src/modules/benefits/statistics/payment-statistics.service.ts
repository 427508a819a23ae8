import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from 'src/common/context/request-context';
import { formatBasisPoints, parseVnd, shareBasisPoints } from 'src/modules/benefits/domain/money';
import { monthOf } from 'src/modules/benefits/domain/months';
import { AccessScopeService, scopeParam } from 'src/modules/organisation/units/access-scope.service';

/** The groups departments publish coverage for (Project 06 reports). */
export const COVERAGE_GROUPS = ['POOR_HOUSEHOLD', 'MERIT', 'SOCIAL_PROTECTION'] as const;
export type CoverageGroup = (typeof COVERAGE_GROUPS)[number];

export interface CoverageFigure {
  eligible: number;
  withAccount: number;
  /** withAccount / eligible in basis points (7477 = 74.77%), half-up; null when nobody is eligible. */
  shareBasisPoints: number | null;
  sharePercent: string | null;
}

export interface CoverageRow extends CoverageFigure {
  unitId: string;
  group: CoverageGroup;
}

export interface CoverageReport {
  date: string;
  /** Per unit and group. */
  rows: CoverageRow[];
  /** Per group, all units in scope. */
  groups: Array<CoverageFigure & { group: CoverageGroup }>;
  /** Distinct people over the groups (a person in two groups counts once, so groups may sum to more). */
  total: CoverageFigure;
}

export interface PaidThroughAccounts {
  from: string;
  to: string;
  /** People paid through a bank account in cycles of months from..to, and the amount (VND). */
  people: number;
  amount: number;
  /** Since the first cycle, up to `to`. */
  cumulativePeople: number;
  cumulativeAmount: number;
}

const figure = (eligible: number, withAccount: number): CoverageFigure => {
  const bp = shareBasisPoints(withAccount, eligible);
  return {
    eligible,
    withAccount,
    shareBasisPoints: bp,
    sharePercent: bp === null ? null : formatBasisPoints(bp),
  };
};

/**
 * Cashless-payment statistics as the departments publish them: people with a payment (bank) account over people
 * eligible, per group and unit, on a date; people paid through accounts and the amounts in a period. Scope in SQL.
 */
@Injectable()
export class PaymentStatisticsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: AccessScopeService,
  ) {}

  async coverage(
    actor: Actor | undefined,
    input: { date: string; unitId?: string },
  ): Promise<CoverageReport> {
    const units = scopeParam(await this.scope.unitScope(actor));
    const rows = await this.dataSource.query<
      Array<{ unitId: string; grp: CoverageGroup | null; eligible: number; withAccount: number }>
    >(
      `with eligible as (
         select v.person_id, v.unit_id,
                case when v.kind in ('MERIT', 'MERIT_RELATIVE') then 'MERIT' else 'SOCIAL_PROTECTION' end as grp
           from registry_status_periods v
          where v.kind in ('MERIT', 'MERIT_RELATIVE', 'SOCIAL_PROTECTION', 'SOCIAL_PENSION')
            and daterange(v.valid_from, v.valid_to, '[)') @> $1::date
         union
         select m.person_id, v.unit_id, 'POOR_HOUSEHOLD'
           from registry_status_periods v
           join registry_household_members m on m.household_id = v.household_id
                and daterange(m.valid_from, m.valid_to, '[)') @> $1::date
          where v.kind = 'POVERTY' and v.value in ('POOR', 'NEAR_POOR')
            and daterange(v.valid_from, v.valid_to, '[)') @> $1::date
       ),
       scoped as (
         select e.*, exists (select 1 from benefit_payment_accounts a
                              where a.person_id = e.person_id and a.state = 'ACTIVE' and a.method = 'BANK') as has_account
           from eligible e
          where e.unit_id is not null and ($2::uuid[] is null or e.unit_id = any($2)) and ($3::uuid is null or e.unit_id = $3)
       )
       select unit_id as "unitId", grp, count(distinct person_id)::int as eligible,
              count(distinct person_id) filter (where has_account)::int as "withAccount"
         from scoped group by grouping sets ((unit_id, grp), (grp), ())
         order by unit_id nulls last, grp nulls last`,
      [input.date, units, input.unitId ?? null],
    );
    const report: CoverageReport = { date: input.date, rows: [], groups: [], total: figure(0, 0) };
    for (const r of rows) {
      if (r.unitId && r.grp)
        report.rows.push({ unitId: r.unitId, group: r.grp, ...figure(r.eligible, r.withAccount) });
      else if (r.grp) report.groups.push({ group: r.grp, ...figure(r.eligible, r.withAccount) });
      else report.total = figure(r.eligible, r.withAccount);
    }
    return report;
  }

  async paidThroughAccounts(
    actor: Actor | undefined,
    input: { from: string; to: string; unitId?: string },
  ): Promise<PaidThroughAccounts> {
    const units = scopeParam(await this.scope.unitScope(actor));
    const [row] = await this.dataSource.query<
      Array<{ people: number; amount: string; cumPeople: number; cumAmount: string }>
    >(
      `select count(distinct l.person_id) filter (where c.period >= $1)::int as people,
              coalesce(sum(l.amount) filter (where c.period >= $1), 0) as amount,
              count(distinct l.person_id)::int as "cumPeople", coalesce(sum(l.amount), 0) as "cumAmount"
         from benefit_payment_lines l join benefit_payment_cycles c on c.id = l.cycle_id
        where l.payment_method = 'BANK' and l.payment_status = 'PAID' and c.period <= $2
          and ($3::uuid[] is null or c.unit_id = any($3)) and ($4::uuid is null or c.unit_id = $4)`,
      [monthOf(input.from), monthOf(input.to), units, input.unitId ?? null],
    );
    return {
      from: monthOf(input.from),
      to: monthOf(input.to),
      people: row.people,
      amount: parseVnd(row.amount),
      cumulativePeople: row.cumPeople,
      cumulativeAmount: parseVnd(row.cumAmount),
    };
  }
}
