import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from 'src/common/context/request-context';
import { DomainException } from 'src/common/errors/domain.exception';
import {
  parseResultCsv,
  transferCsv,
  transferDescription,
  transferXlsx,
  type ResultRow,
  type TransferRow,
} from 'src/modules/benefits/accounts/bank-file.format';
import { PaymentAccountsService } from 'src/modules/benefits/accounts/payment-accounts.service';
import { PaymentCyclesService } from 'src/modules/benefits/cycles/payment-cycles.service';
import { RulesRepository } from 'src/modules/benefits/rules/rules.repository';
import { rowsOf } from 'src/modules/benefits/domain/sql-rows';
import { AuditService } from 'src/modules/audit/audit.service';
import { AccessScopeService, scopeParam } from 'src/modules/organisation/units/access-scope.service';

export interface BankFile {
  filename: string;
  contentType: string;
  body: Buffer;
  lineCount: number;
  totalAmount: number;
  sha256: string;
}

export interface ReconcileSummary {
  fileId: string;
  alreadyApplied: boolean;
  paid: number;
  failed: number;
  reversed: number;
  uncollected: number;
  unchanged: number;
  suspendedEntitlements: number;
  cycleState: string;
}

export interface PaymentExceptionRecord {
  id: string;
  lineId: string;
  unitId: string;
  kind: 'FAILED' | 'REVERSED' | 'UNCOLLECTED';
  reason: string;
  state: 'OPEN' | 'CARRIED_OVER' | 'RESOLVED';
  instructionId: string;
  personId: string;
  personName: string;
  amount: number;
  forMonth: string;
  createdAt: Date;
}

const actorName = (actor: Actor | undefined): string => (actor ? `${actor.kind}:${actor.name}` : 'system');
const sha256 = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

/** Allowed outcome changes of a line: a paid transfer may later be reversed; a repeated outcome is a no-op. */
const TRANSITIONS: Record<string, string[]> = {
  PENDING: ['PAID', 'FAILED', 'UNCOLLECTED'],
  EXPORTED: ['PAID', 'FAILED', 'UNCOLLECTED'],
  PAID: ['REVERSED'],
};

/**
 * Bank transfer files for a cycle (CSV/XLSX, one idempotent instruction id per line) and reconciliation from the
 * bank's or post office's result file. Failed, reversed and uncollected lines go to the exception queue with their
 * reason; the next cycle carries them over. Three months not collected in a row suspend the entitlement.
 */
@Injectable()
export class BankFilesService {
  private readonly logger = new Logger(BankFilesService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: PaymentAccountsService,
    private readonly cycles: PaymentCyclesService,
    private readonly rules: RulesRepository,
    private readonly scope: AccessScopeService,
    private readonly audit: AuditService,
  ) {}

  /**
   * The transfer file of an approved cycle: every BANK line not yet settled. Exporting again gives the same
   * instruction ids (the bank rejects duplicates), so a lost file can be re-sent safely. Audited as a personal-data
   * export; the file is the only output that carries full account numbers.
   */
  async export(actor: Actor | undefined, cycleId: string, format: 'CSV' | 'XLSX'): Promise<BankFile> {
    const cycle = await this.cycles.getForActor(actor, cycleId);
    if (cycle.state === 'DRAFT')
      throw new DomainException('BENEFIT_CYCLE_ILLEGAL_TRANSITION', 'approve the cycle first');
    const lines = await this.dataSource.query<
      Array<{
        instructionId: string;
        accountId: string;
        amount: string;
        lineNo: number;
        kind: string;
        forMonth: string;
        personName: string;
      }>
    >(
      `select instruction_id as "instructionId", payment_account_id as "accountId", amount, line_no as "lineNo", kind,
              to_char(for_month, 'MM/YYYY') as "forMonth", person_name as "personName"
         from benefit_payment_lines
        where cycle_id = $1 and payment_method = 'BANK' and payment_status in ('PENDING', 'EXPORTED')
        order by line_no`,
      [cycleId],
    );
    const secrets = await this.accounts.secretsFor([...new Set(lines.map((l) => l.accountId))]);
    const kindText: Record<string, string> = {
      REGULAR: 'TRO CAP',
      ARREAR: 'TRUY LINH',
      ONE_OFF: 'MOT LAN',
      CARRY_OVER: 'CHUYEN KY',
    };
    const rows: TransferRow[] = lines.map((l) => {
      const s = secrets.get(l.accountId);
      if (!s) throw new DomainException('BENEFIT_ACCOUNT_NOT_FOUND', `line ${l.lineNo}`);
      return {
        instructionId: l.instructionId,
        bankCode: s.bankCode,
        accountNumber: s.accountNumber,
        accountName: transferDescription(s.holderName),
        amount: Number(l.amount),
        currency: 'VND',
        description: transferDescription(
          `AN SINH ${kindText[l.kind] ?? l.kind} T${l.forMonth} ${l.instructionId}`,
        ),
        reference: `${cycle.period.slice(0, 7)}-${l.lineNo}`,
      };
    });
    const body = format === 'CSV' ? transferCsv(rows) : await transferXlsx(rows);
    const totalAmount = rows.reduce((sum, r) => sum + r.amount, 0);
    const digest = sha256(body);
    await this.dataSource.transaction(async (m) => {
      await m.query(
        `update benefit_payment_lines set payment_status = 'EXPORTED', status_at = now()
          where cycle_id = $1 and payment_method = 'BANK' and payment_status = 'PENDING'`,
        [cycleId],
      );
      const [file] = await m.query<Array<{ id: string }>>(
        `insert into benefit_bank_files (cycle_id, direction, format, sha256, line_count, total_amount, created_by)
         values ($1, 'EXPORT', $2, $3, $4, $5, $6) returning id`,
        [cycleId, format, digest, rows.length, totalAmount, actorName(actor)],
      );
      await this.audit.record(
        {
          action: 'BENEFIT_BANK_FILE_EXPORT',
          entityType: 'benefit_payment_cycle',
          entityId: cycleId,
          after: { fileId: file.id, format, lineCount: rows.length, totalAmount, sha256: digest },
          personalFields: ['accountNumber', 'holderName'],
        },
        m,
      );
    });
    const ext = format === 'CSV' ? 'csv' : 'xlsx';
    return {
      filename: `chi-tra-${cycle.period.slice(0, 7)}-${cycleId.slice(0, 8)}.${ext}`,
      contentType:
        format === 'CSV'
          ? 'text/csv; charset=utf-8'
          : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      body,
      lineCount: rows.length,
      totalAmount,
      sha256: digest,
    };
  }

  /**
   * Applies a result file (CSV: instruction_id, status PAID/FAILED/REVERSED/UNCOLLECTED, amount?, reason?,
   * bank_reference?). Idempotent: the same file twice changes nothing; a repeated outcome is a no-op.
   */
  async reconcile(actor: Actor | undefined, cycleId: string, content: string): Promise<ReconcileSummary> {
    const cycle = await this.cycles.getForActor(actor, cycleId);
    if (cycle.state === 'DRAFT')
      throw new DomainException('BENEFIT_CYCLE_ILLEGAL_TRANSITION', 'the cycle is not approved');
    let rows: ResultRow[];
    try {
      rows = parseResultCsv(content);
    } catch (e) {
      throw new DomainException('BENEFIT_RESULT_FILE_INVALID', (e as Error).message);
    }
    const digest = sha256(content);
    const calendar = await this.rules.calendar();
    return this.dataSource.transaction(async (m) => {
      const [previous] = await m.query<Array<{ id: string; summary: ReconcileSummary }>>(
        `select id, summary from benefit_bank_files where cycle_id = $1 and direction = 'RESULT' and sha256 = $2`,
        [cycleId, digest],
      );
      if (previous) return { ...previous.summary, alreadyApplied: true };
      const current = await m.query<
        Array<{
          id: string;
          instructionId: string;
          status: string;
          amount: string;
          kind: string;
          entitlementId: string | null;
        }>
      >(
        `select id, instruction_id as "instructionId", payment_status as status, amount, kind, entitlement_id as "entitlementId"
           from benefit_payment_lines where cycle_id = $1 and instruction_id = any($2::text[]) for update`,
        [cycleId, rows.map((r) => r.instructionId)],
      );
      const byId = new Map(current.map((c) => [c.instructionId, c]));
      const problems: string[] = [];
      const summary = { paid: 0, failed: 0, reversed: 0, uncollected: 0, unchanged: 0 };
      const uncollected: string[] = [];
      for (const r of rows) {
        const line = byId.get(r.instructionId);
        if (!line) {
          problems.push(`${r.instructionId}: not a line of this cycle`);
          continue;
        }
        if (r.amount !== null && r.amount !== Number(line.amount)) {
          problems.push(`${r.instructionId}: amount ${r.amount} ≠ ${line.amount}`);
          continue;
        }
        if (line.status === r.status) {
          summary.unchanged++;
          continue;
        }
        if (!(TRANSITIONS[line.status] ?? []).includes(r.status)) {
          problems.push(`${r.instructionId}: ${line.status} → ${r.status} is not allowed`);
          continue;
        }
        await m.query(
          `update benefit_payment_lines set payment_status = $2, status_reason = $3, bank_reference = coalesce($4, bank_reference),
             status_at = now() where id = $1`,
          [line.id, r.status, r.reason, r.bankReference],
        );
        if (r.status !== 'PAID')
          await m.query(
            `insert into benefit_payment_exceptions (line_id, unit_id, kind, reason) values ($1, $2, $3, $4)
             on conflict (line_id) do update set kind = excluded.kind, reason = excluded.reason, state = 'OPEN', resolved_at = null`,
            [line.id, cycle.unitId, r.status, r.reason],
          );
        if (r.status === 'UNCOLLECTED' && line.kind === 'REGULAR' && line.entitlementId)
          uncollected.push(line.entitlementId);
        summary[
          ({ PAID: 'paid', FAILED: 'failed', REVERSED: 'reversed', UNCOLLECTED: 'uncollected' } as const)[
            r.status
          ]
        ]++;
      }
      if (problems.length > 0)
        throw new DomainException('BENEFIT_RESULT_FILE_INVALID', `${problems.length} row(s) refused`, {
          problems: problems.slice(0, 50),
        });
      const suspended = await this.suspendUncollected(
        m,
        uncollected,
        calendar.suspendAfterUncollectedMonths,
        cycle.period,
      );
      await this.cycles.closeIfSettled(m, cycleId);
      const after = await this.cycles.getUnscoped(cycleId, m);
      const [file] = await m.query<Array<{ id: string }>>(
        `insert into benefit_bank_files (cycle_id, direction, format, sha256, line_count, total_amount, created_by)
         values ($1, 'RESULT', 'CSV', $2, $3, 0, $4) returning id`,
        [cycleId, digest, rows.length, actorName(actor)],
      );
      const result: ReconcileSummary = {
        fileId: file.id,
        alreadyApplied: false,
        ...summary,
        suspendedEntitlements: suspended,
        cycleState: after.state,
      };
      await m.query(`update benefit_bank_files set summary = $2 where id = $1`, [
        file.id,
        JSON.stringify(result),
      ]);
      await this.audit.record(
        {
          action: 'BENEFIT_RECONCILE',
          entityType: 'benefit_payment_cycle',
          entityId: cycleId,
          after: { ...result },
        },
        m,
      );
      this.logger.log(`cycle ${cycleId} reconciled: ${JSON.stringify(summary)}`);
      return result;
    });
  }

  /** Suspends entitlements whose last N regular lines (consecutive months) were all not collected. */
  private async suspendUncollected(
    m: EntityManager,
    entitlementIds: string[],
    months: number,
    period: string,
  ): Promise<number> {
    if (entitlementIds.length === 0) return 0;
    const rows = rowsOf<{ id: string }>(
      await m.query(
        `update benefit_entitlements e set state = 'SUSPENDED', suspended_from = ($3::date + interval '1 month')::date,
              suspend_reason = 'Không nhận trợ cấp ' || $2 || ' tháng liên tục', updated_at = now(), version = version + 1
        where e.id = any($1::uuid[]) and e.state = 'ACTIVE'
          and (select count(*) filter (where l.payment_status = 'UNCOLLECTED') from (
                 select payment_status from benefit_payment_lines
                  where entitlement_id = e.id and kind = 'REGULAR' and for_month > ($3::date - make_interval(months => $2::int))
                    and for_month <= $3::date
               ) l) >= $2
       returning e.id`,
        [entitlementIds, months, period],
      ),
    );
    for (const r of rows)
      await this.audit.record(
        {
          action: 'SUSPEND',
          entityType: 'benefit_entitlement',
          entityId: r.id,
          after: { reason: 'UNCOLLECTED', months },
        },
        m,
      );
    return rows.length;
  }

  /** The exception queue (failed, reversed, not collected), open items first. */
  async exceptions(
    actor: Actor | undefined,
    filter: {
      unitId?: string;
      state?: 'OPEN' | 'CARRIED_OVER' | 'RESOLVED';
      limit: number;
      afterId?: string;
    },
  ): Promise<PaymentExceptionRecord[]> {
    const units = scopeParam(await this.scope.unitScope(actor));
    const rows = await this.dataSource.query<PaymentExceptionRecord[]>(
      `select x.id, x.line_id as "lineId", x.unit_id as "unitId", x.kind, x.reason, x.state,
              l.instruction_id as "instructionId", l.person_id as "personId", l.person_name as "personName", l.amount,
              to_char(l.for_month, 'YYYY-MM-DD') as "forMonth", x.created_at as "createdAt"
         from benefit_payment_exceptions x join benefit_payment_lines l on l.id = x.line_id
        where ($1::uuid[] is null or x.unit_id = any($1)) and ($2::uuid is null or x.unit_id = $2)
          and ($3::text is null or x.state = $3) and ($4::uuid is null or x.id > $4)
        order by x.id limit $5`,
      [units, filter.unitId ?? null, filter.state ?? null, filter.afterId ?? null, filter.limit],
    );
    return rows.map((r) => ({ ...r, amount: Number(r.amount) }));
  }
}
