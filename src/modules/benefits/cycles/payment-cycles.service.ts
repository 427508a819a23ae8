import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from 'src/common/context/request-context';
import { DomainException } from 'src/common/errors/domain.exception';
import { dayOfMonth, monthOf } from 'src/modules/benefits/domain/months';
import {
  CARRY_OVER_SQL,
  FREEZE_ENTITLEMENT_LINES_SQL,
  ONE_OFF_SQL,
  UNPRICED_SQL,
} from 'src/modules/benefits/cycles/cycle-freeze.sql';
import {
  CYCLE_COLUMNS,
  LINE_COLUMNS,
  withMoney,
  type CycleRecord,
  type CycleState,
  type LineKind,
  type LineRecord,
  type PaymentStatus,
} from 'src/modules/benefits/cycles/cycle.model';
import { RulesRepository } from 'src/modules/benefits/rules/rules.repository';
import { rowsOf } from 'src/modules/benefits/domain/sql-rows';
import { AuditService } from 'src/modules/audit/audit.service';
import { AccessScopeService, scopeParam } from 'src/modules/organisation/units/access-scope.service';

export interface ComputeResult {
  cycle: CycleRecord;
  /** Entitlements the rules cannot price this month (no group, no table row): fix the rule, then recompute. */
  unpriced: Array<{ entitlementId: string; ruleKey: string }>;
  elapsedMs: number;
  /** Time per statement (ms), for operators and the benchmark. */
  steps: Array<{ name: string; ms: number }>;
}

const actorName = (actor: Actor | undefined): string => (actor ? `${actor.kind}:${actor.name}` : 'system');

/**
 * Monthly payment cycles per unit: compute (and recompute while DRAFT) a frozen snapshot of lines — regular
 * amounts, arrears and recoveries for past months, carried-over unpaid amounts, one-off benefits — check totals and
 * approve (LEADER), then follow payment outcomes to PAID / PARTIALLY_PAID. Approved lines are immutable (trigger).
 */
@Injectable()
export class PaymentCyclesService {
  private readonly logger = new Logger(PaymentCyclesService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly rules: RulesRepository,
    private readonly scope: AccessScopeService,
    private readonly audit: AuditService,
  ) {}

  /** The province whose People's Council base applies to a unit (the unit itself or its PROVINCE ancestor). */
  async provinceOf(unitId: string, manager?: EntityManager): Promise<string | null> {
    const [row] = await (manager ?? this.dataSource.manager).query<Array<{ id: string }>>(
      `with recursive up(id, parent_id, level, depth) as (
         select id, parent_id, level, 0 from admin_units where id = $1
         union all select u.id, u.parent_id, u.level, up.depth + 1 from admin_units u join up on u.id = up.parent_id
           where up.depth < 5)
       select id from up where level = 'PROVINCE' limit 1`,
      [unitId],
    );
    return row?.id ?? null;
  }

  /**
   * Computes the cycle of `unitId` for `period`, creating it or recomputing its DRAFT (running it twice gives the
   * same lines, never duplicates). An approved cycle is refused.
   */
  async compute(actor: Actor | undefined, input: { unitId: string; period: string }): Promise<ComputeResult> {
    await this.scope.assertUnitInScope(actor, input.unitId);
    const period = monthOf(input.period);
    const started = Date.now();
    const calendar = await this.rules.calendar();
    const province = await this.provinceOf(input.unitId);
    const result = await this.dataSource.transaction(async (m) => {
      // One big set-based statement: JIT compilation of its plan costs seconds and gains nothing here, and the sorts
      // of 100,000+ rows should stay in memory.
      await m.query(`set local jit = off`);
      await m.query(`set local work_mem = '128MB'`);
      await m.query(
        `insert into benefit_payment_cycles (unit_id, period, list_due_date, report_due_date)
         values ($1, $2, $3, $4) on conflict (unit_id, period) do nothing`,
        [
          input.unitId,
          period,
          dayOfMonth(period, calendar.listDueMonthOffset, calendar.listDueDay),
          dayOfMonth(period, calendar.reportDueMonthOffset, calendar.reportDueDay),
        ],
      );
      const [cycle] = await m.query<Array<{ id: string; state: CycleState }>>(
        `select id, state from benefit_payment_cycles where unit_id = $1 and period = $2 for update`,
        [input.unitId, period],
      );
      if (cycle.state !== 'DRAFT') throw new DomainException('BENEFIT_CYCLE_NOT_DRAFT');
      const steps: Array<[string, number]> = [];
      const step = async (name: string, fn: () => Promise<unknown>): Promise<void> => {
        const t = Date.now();
        await fn();
        steps.push([name, Date.now() - t]);
      };
      await step('deaths', async () => {
        const ended = await this.endForRecordedDeaths(m, input.unitId);
        if (ended.length > 0)
          await this.audit.record(
            {
              action: 'END',
              entityType: 'benefit_entitlement',
              entityId: null,
              after: { reason: 'DEATH', entitlementIds: ended },
            },
            m,
          );
      });
      await step('delete', () =>
        m.query(`delete from benefit_payment_lines where cycle_id = $1`, [cycle.id]),
      );
      await step('freeze', () =>
        m.query(FREEZE_ENTITLEMENT_LINES_SQL, [cycle.id, input.unitId, period, province]),
      );
      const offset = async (): Promise<number> =>
        (
          await m.query<Array<{ n: number }>>(
            `select coalesce(max(line_no), 0)::int as n from benefit_payment_lines where cycle_id = $1`,
            [cycle.id],
          )
        )[0].n;
      await step('carry-over', async () => m.query(CARRY_OVER_SQL, [cycle.id, input.unitId, await offset()]));
      await step('one-off', async () =>
        m.query(ONE_OFF_SQL, [cycle.id, input.unitId, await offset(), period]),
      );
      await step('totals', () => this.refreshTotals(m, cycle.id, actorName(actor)));
      let unpriced: ComputeResult['unpriced'] = [];
      await step('unpriced', async () => {
        unpriced = await m.query<ComputeResult['unpriced']>(UNPRICED_SQL, [input.unitId, period]);
      });
      this.logger.debug(`cycle ${cycle.id} steps: ${steps.map(([n, ms]) => `${n} ${ms} ms`).join(', ')}`);
      const record = await this.getUnscoped(cycle.id, m);
      await this.audit.record(
        {
          action: 'BENEFIT_CYCLE_COMPUTE',
          entityType: 'benefit_payment_cycle',
          entityId: cycle.id,
          after: {
            period,
            lineCount: record.lineCount,
            totalAmount: record.totalAmount,
            unpriced: unpriced.length,
          },
        },
        m,
      );
      return { cycle: record, unpriced, steps: steps.map(([name, ms]) => ({ name, ms })) };
    });
    const elapsedMs = Date.now() - started;
    this.logger.log(`cycle ${result.cycle.id} computed: ${result.cycle.lineCount} lines in ${elapsedMs} ms`);
    return { ...result, elapsedMs };
  }

  /**
   * Deaths recorded in the registry end the unit's (or one person's) entitlements from the month after the death
   * month (Decree 20/2021 art. 8), so a death found late turns into recovery lines in this very cycle. The
   * death-registration trigger calls it for the deceased right after the registry's death cascade.
   */
  async endForRecordedDeaths(m: EntityManager, unitId: string | null, personId: string | null = null): Promise<string[]> {
    const rows = rowsOf<{ id: string }>(
      await m.query(
        `update benefit_entitlements e
            set end_date = (date_trunc('month', p.death_date) + interval '1 month')::date, state = 'ENDED',
                suspended_from = null, suspend_reason = 'Từ trần ngày ' || to_char(p.death_date, 'DD/MM/YYYY'),
                updated_at = now(), version = e.version + 1
           from registry_people p
          where p.id = e.person_id and ($1::uuid is null or e.unit_id = $1) and ($2::uuid is null or e.person_id = $2)
            and p.death_date is not null
            and (e.end_date is null or e.end_date > (date_trunc('month', p.death_date) + interval '1 month')::date)
            and e.start_date < (date_trunc('month', p.death_date) + interval '1 month')::date
          returning e.id`,
        [unitId, personId],
      ),
    );
    return rows.map((r) => r.id);
  }

  private async refreshTotals(m: EntityManager, cycleId: string, by: string): Promise<void> {
    await m.query(
      `update benefit_payment_cycles c set
         line_count = t.n, total_amount = t.total, regular_amount = t.regular, arrear_amount = t.arrear,
         recovery_amount = t.recovery, one_off_amount = t.one_off, carry_over_amount = t.carry,
         computed_by = $2, computed_at = now(), version = c.version + 1
       from (select count(*)::int as n,
                    coalesce(sum(amount) filter (where kind <> 'RECOVERY'), 0) as total,
                    coalesce(sum(amount) filter (where kind = 'REGULAR'), 0) as regular,
                    coalesce(sum(amount) filter (where kind = 'ARREAR'), 0) as arrear,
                    coalesce(-sum(amount) filter (where kind = 'RECOVERY'), 0) as recovery,
                    coalesce(sum(amount) filter (where kind = 'ONE_OFF'), 0) as one_off,
                    coalesce(sum(amount) filter (where kind = 'CARRY_OVER'), 0) as carry
               from benefit_payment_lines where cycle_id = $1) t
       where c.id = $1`,
      [cycleId, by],
    );
  }

  /**
   * Approves a DRAFT cycle (LEADER). The header totals must equal the sum of the lines, and the approver's control
   * totals (from the list they checked) must equal both. Then the lines are frozen and carried-over exceptions close.
   */
  async approve(
    actor: Actor | undefined,
    cycleId: string,
    control: { expectedTotalAmount: number; expectedLineCount: number },
  ): Promise<CycleRecord> {
    return this.dataSource.transaction(async (m) => {
      const cycle = await this.getForActor(actor, cycleId, m, true);
      if (cycle.state !== 'DRAFT')
        throw new DomainException('BENEFIT_CYCLE_ILLEGAL_TRANSITION', `cycle is ${cycle.state}`);
      const [sums] = await m.query<Array<{ n: number; total: string }>>(
        `select count(*)::int as n, coalesce(sum(amount) filter (where kind <> 'RECOVERY'), 0) as total
           from benefit_payment_lines where cycle_id = $1`,
        [cycleId],
      );
      const lineTotal = Number(sums.total);
      const problems: string[] = [];
      if (sums.n !== cycle.lineCount || lineTotal !== cycle.totalAmount)
        problems.push('header totals differ from the lines');
      if (control.expectedLineCount !== sums.n)
        problems.push(`line count ${sums.n} ≠ control ${control.expectedLineCount}`);
      if (control.expectedTotalAmount !== lineTotal)
        problems.push(`total ${lineTotal} ≠ control ${control.expectedTotalAmount}`);
      if (problems.length > 0)
        throw new DomainException('BENEFIT_CYCLE_TOTALS_MISMATCH', problems.join('; '), {
          lineCount: sums.n,
          totalAmount: lineTotal,
        });
      await m.query(
        `update benefit_payment_cycles set state = 'APPROVED', approved_by = $2, approved_at = now(), version = version + 1
         where id = $1`,
        [cycleId, actorName(actor)],
      );
      await m.query(
        `update benefit_payment_exceptions x set state = 'CARRIED_OVER', carried_to_cycle_id = $1, resolved_at = now()
           from benefit_payment_lines l where l.cycle_id = $1 and l.carried_from_line_id = x.line_id and x.state = 'OPEN'`,
        [cycleId],
      );
      await this.closeIfSettled(m, cycleId);
      const after = await this.getUnscoped(cycleId, m);
      await this.audit.record(
        {
          action: 'BENEFIT_CYCLE_APPROVE',
          entityType: 'benefit_payment_cycle',
          entityId: cycleId,
          before: { state: cycle.state },
          after: { state: after.state, totalAmount: after.totalAmount, lineCount: after.lineCount },
        },
        m,
      );
      return after;
    });
  }

  /** APPROVED → PAID when every payable line is paid, PARTIALLY_PAID when all are settled and some were not paid. */
  async closeIfSettled(m: EntityManager, cycleId: string): Promise<void> {
    await m.query(
      `update benefit_payment_cycles c
          set state = case when t.unpaid = 0 then 'PAID' else 'PARTIALLY_PAID' end, closed_at = now(),
              version = c.version + 1
         from (select count(*) filter (where payment_status in ('PENDING', 'EXPORTED')) as open,
                      count(*) filter (where payment_status in ('FAILED', 'REVERSED', 'UNCOLLECTED')) as unpaid,
                      count(*) filter (where payment_status = 'PAID') as paid
                 from benefit_payment_lines where cycle_id = $1) t
        where c.id = $1 and c.state in ('APPROVED', 'PAID', 'PARTIALLY_PAID') and t.open = 0 and t.paid + t.unpaid > 0
          and c.state <> case when t.unpaid = 0 then 'PAID' else 'PARTIALLY_PAID' end`,
      [cycleId],
    );
  }

  async getUnscoped(id: string, manager?: EntityManager, forUpdate = false): Promise<CycleRecord> {
    const [row] = await (manager ?? this.dataSource.manager).query<CycleRecord[]>(
      `select ${CYCLE_COLUMNS} from benefit_payment_cycles c where c.id = $1 ${forUpdate ? 'for update' : ''}`,
      [id],
    );
    if (!row) throw new DomainException('BENEFIT_CYCLE_NOT_FOUND');
    return withMoney(row);
  }

  /** A cycle, if its unit is in the caller's scope (scope in the SQL). */
  async getForActor(
    actor: Actor | undefined,
    id: string,
    manager?: EntityManager,
    forUpdate = false,
  ): Promise<CycleRecord> {
    const units = scopeParam(await this.scope.unitScope(actor));
    const [row] = await (manager ?? this.dataSource.manager).query<CycleRecord[]>(
      `select ${CYCLE_COLUMNS} from benefit_payment_cycles c
        where c.id = $1 and ($2::uuid[] is null or c.unit_id = any($2)) ${forUpdate ? 'for update' : ''}`,
      [id, units],
    );
    if (!row) throw new DomainException('BENEFIT_CYCLE_NOT_FOUND');
    return withMoney(row);
  }

  async list(
    actor: Actor | undefined,
    filter: {
      unitId?: string;
      fromPeriod?: string;
      toPeriod?: string;
      state?: CycleState;
      limit: number;
      afterId?: string;
    },
  ): Promise<CycleRecord[]> {
    const units = scopeParam(await this.scope.unitScope(actor));
    const rows = await this.dataSource.query<CycleRecord[]>(
      `select ${CYCLE_COLUMNS} from benefit_payment_cycles c
        where ($1::uuid[] is null or c.unit_id = any($1)) and ($2::uuid is null or c.unit_id = $2)
          and ($3::date is null or c.period >= $3) and ($4::date is null or c.period <= $4)
          and ($5::text is null or c.state = $5) and ($6::uuid is null or c.id > $6)
        order by c.id limit $7`,
      [
        units,
        filter.unitId ?? null,
        filter.fromPeriod ?? null,
        filter.toPeriod ?? null,
        filter.state ?? null,
        filter.afterId ?? null,
        filter.limit,
      ],
    );
    return rows.map(withMoney);
  }

  /** A cycle's lines in line order (keyset on line_no). */
  async lines(
    actor: Actor | undefined,
    cycleId: string,
    filter: {
      kind?: LineKind;
      status?: PaymentStatus;
      personId?: string;
      afterLineNo?: number;
      limit: number;
    },
  ): Promise<LineRecord[]> {
    await this.getForActor(actor, cycleId);
    const rows = await this.dataSource.query<LineRecord[]>(
      `select ${LINE_COLUMNS} from benefit_payment_lines l
        where l.cycle_id = $1 and ($2::text is null or l.kind = $2) and ($3::text is null or l.payment_status = $3)
          and ($4::uuid is null or l.person_id = $4) and l.line_no > $5
        order by l.line_no limit $6`,
      [
        cycleId,
        filter.kind ?? null,
        filter.status ?? null,
        filter.personId ?? null,
        filter.afterLineNo ?? 0,
        filter.limit,
      ],
    );
    return rows.map(withMoney);
  }
}
