import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { RequestContext } from 'src/common/context/request-context';
import { DomainException } from 'src/common/errors/domain.exception';
import type { BudgetUnit } from 'src/modules/calendar/domain/calendar-types';
import type { DueDateResult } from 'src/modules/calendar/domain/deadline-calculator';
import { WorkingCalendarService } from 'src/modules/calendar/working-calendar.service';

/** A deadline is addressed by what it is about (e.g. 'DOSSIER', a dossier id) and the step ('*' = the whole subject). */
export interface LedgerKey {
  subjectType: string;
  subjectId: string;
  stepKey: string;
}

export const PAUSE_REASON_CODES = ['SUPPLEMENT', 'SUSPENSION', 'FINANCIAL_OBLIGATION', 'OTHER'] as const;
export type PauseReasonCode = (typeof PAUSE_REASON_CODES)[number];

export interface OpenLedgerInput extends LedgerKey {
  budget: { amount: number; unit: BudgetUnit };
  /** When counting is anchored: the instant the complete dossier was received (cut-off applies) or the step began. */
  anchorAt: Date;
  postmarkDate?: string | null;
  /** The receiving agency (its own receipt cut-off applies if recorded). */
  agencyId?: string | null;
  /** Most working days extensions may add in total (0 = no extension allowed). */
  extensionCeilingDays?: number;
}

export interface LedgerView extends LedgerKey {
  id: string;
  budget: { amount: number; unit: BudgetUnit };
  anchorAt: Date;
  postmarkDate: string | null;
  agencyId: string | null;
  countingStart: string;
  extensionCeilingDays: number;
  extensionDays: number;
  calendarVersion: number;
  /** Consumed budget (days or hours) as of `asOf`; derived. */
  consumed: number;
  remaining: number;
  paused: boolean;
  dueAt: Date;
  dueDate: string;
  /** Derived, never stored: closed after the due instant, stopped after it, or still open past it at `asOf`. */
  overdue: boolean;
  closedAt: Date | null;
  closeReason: string | null;
  asOf: Date;
  pauses: Array<{ id: string; pausedAt: Date; resumedAt: Date | null; reasonCode: PauseReasonCode; reason: string | null }>;
  extensions: Array<{ id: string; days: number; documentNumber: string; grantedOn: string; reason: string | null }>;
}

interface LedgerRow {
  id: string;
  subject_type: string;
  subject_id: string;
  step_key: string;
  budget_amount: string;
  budget_unit: BudgetUnit;
  anchor_at: Date;
  postmark_date: string | null;
  agency_id: string | null;
  extension_ceiling_days: number;
  calendar_version: number;
  due_at: Date;
  due_date: string;
  closed_at: Date | null;
  close_reason: string | null;
}

const LEDGER_COLUMNS = `id, subject_type, subject_id, step_key, budget_amount, budget_unit, anchor_at,
  to_char(postmark_date, 'YYYY-MM-DD') as postmark_date, agency_id, extension_ceiling_days, calendar_version,
  due_at, to_char(due_date, 'YYYY-MM-DD') as due_date, closed_at, close_reason`;

/**
 * Per-subject, per-step deadlines: budget, anchor, clock stops with reasons, extensions with their document and
 * ceiling, and the resulting due instant with the calendar version used. Every change recomputes the due date from
 * these facts on the current calendar version and records that version; `recompute(key, 'RECORDED')` reproduces a
 * stored due date exactly. Pass an EntityManager to write in the caller's transaction.
 */
@Injectable()
export class DeadlineLedgerService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly calendar: WorkingCalendarService,
  ) {}

  /** Opens the deadline of a subject's step. */
  async open(input: OpenLedgerInput, manager?: EntityManager): Promise<LedgerView> {
    const m = manager ?? this.dataSource.manager;
    const r = this.calendar.dueDate({
      anchor: input.anchorAt,
      budget: input.budget,
      postmarkDate: input.postmarkDate,
      agencyId: input.agencyId,
      asOf: input.anchorAt,
      explain: false,
    });
    const exists = await m.query<unknown[]>(
      `select 1 from deadline_ledgers where subject_type = $1 and subject_id = $2 and step_key = $3`,
      [input.subjectType, input.subjectId, input.stepKey],
    );
    if (exists.length) throw new DomainException('DEADLINE_LEDGER_EXISTS');
    await m.query(
      `insert into deadline_ledgers (subject_type, subject_id, step_key, budget_amount, budget_unit, anchor_at, postmark_date,
         agency_id, counting_start, extension_ceiling_days, calendar_version, consumed, consumed_as_of, due_at, due_date)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 0, $6, $12, $13)`,
      [
        input.subjectType,
        input.subjectId,
        input.stepKey,
        input.budget.amount,
        input.budget.unit,
        input.anchorAt,
        input.postmarkDate ?? null,
        input.agencyId ?? null,
        r.countingStart,
        input.extensionCeilingDays ?? 0,
        r.calendarVersion,
        r.due,
        r.dueDate,
      ],
    );
    return this.get(input, { manager: m, asOf: input.anchorAt });
  }

  /** The ledger with its derived figures (consumed, remaining, paused, overdue) as of `asOf` (default now). */
  async get(key: LedgerKey, opts: { manager?: EntityManager; asOf?: Date } = {}): Promise<LedgerView> {
    const m = opts.manager ?? this.dataSource.manager;
    const row = await this.row(m, key, false);
    return this.view(m, row, opts.asOf ?? new Date());
  }

  /** Every step's ledger of a subject. */
  async forSubject(subjectType: string, subjectId: string, asOf = new Date()): Promise<LedgerView[]> {
    const rows = await this.dataSource.query<LedgerRow[]>(
      `select ${LEDGER_COLUMNS} from deadline_ledgers where subject_type = $1 and subject_id = $2 order by created_at, step_key`,
      [subjectType, subjectId],
    );
    return Promise.all(rows.map((r) => this.view(this.dataSource.manager, r, asOf)));
  }

  /** Stops the clock (waiting for the citizen's supplement, suspension…). The unconsumed remainder is kept. */
  async pause(
    key: LedgerKey,
    p: { at: Date; reasonCode: PauseReasonCode; reason?: string | null },
    manager?: EntityManager,
  ): Promise<LedgerView> {
    return this.mutate(key, manager, p.at, async (m, row) => {
      const open = await m.query<unknown[]>(`select 1 from deadline_pauses where ledger_id = $1 and resumed_at is null`, [row.id]);
      if (open.length) throw new DomainException('DEADLINE_ALREADY_PAUSED');
      await m.query(
        `insert into deadline_pauses (ledger_id, paused_at, reason_code, reason, created_by) values ($1, $2, $3, $4, $5)`,
        [row.id, p.at, p.reasonCode, p.reason ?? null, RequestContext.actor()?.name ?? null],
      );
    });
  }

  /** Restarts the clock; the due date moves by the time it was stopped. */
  async resume(key: LedgerKey, p: { at: Date }, manager?: EntityManager): Promise<LedgerView> {
    return this.mutate(key, manager, p.at, async (m, row) => {
      const [open] = await m.query<Array<{ id: string; paused_at: Date }>>(
        `select id, paused_at from deadline_pauses where ledger_id = $1 and resumed_at is null`,
        [row.id],
      );
      if (!open) throw new DomainException('DEADLINE_NOT_PAUSED');
      if (p.at < open.paused_at) throw new DomainException('CALENDAR_PAUSE_INVALID', 'Resumed before it was paused');
      await m.query(`update deadline_pauses set resumed_at = $2 where id = $1`, [open.id, p.at]);
    });
  }

  /** Grants an extension (working days) by a document, within the ledger's ceiling. */
  async extend(
    key: LedgerKey,
    e: { days: number; documentNumber: string; grantedOn: string; reason?: string | null },
    manager?: EntityManager,
  ): Promise<LedgerView> {
    return this.mutate(key, manager, new Date(), async (m, row) => {
      const [{ used }] = await m.query<Array<{ used: number }>>(
        `select coalesce(sum(days), 0)::int as used from deadline_extensions where ledger_id = $1`,
        [row.id],
      );
      if (used + e.days > row.extension_ceiling_days)
        throw new DomainException(
          'DEADLINE_EXTENSION_OVER_CEILING',
          `${used} + ${e.days} working days exceed the ceiling of ${row.extension_ceiling_days}`,
        );
      await m.query(
        `insert into deadline_extensions (ledger_id, days, document_number, granted_on, reason, created_by)
         values ($1, $2, $3, $4, $5, $6)`,
        [row.id, e.days, e.documentNumber, e.grantedOn, e.reason ?? null, RequestContext.actor()?.name ?? null],
      );
    });
  }

  /** Ends the deadline (resolved, returned, stopped). Overdue then means closed after the due instant. */
  async close(key: LedgerKey, c: { at: Date; reason?: string | null }, manager?: EntityManager): Promise<LedgerView> {
    return this.mutate(key, manager, c.at, async (m, row) => {
      await m.query(`update deadline_pauses set resumed_at = $2 where ledger_id = $1 and resumed_at is null`, [row.id, c.at]);
      await m.query(`update deadline_ledgers set closed_at = $2, close_reason = $3 where id = $1`, [row.id, c.at, c.reason ?? null]);
    });
  }

  /**
   * The due date from the ledger's facts with an explanation: on the version it recorded ('RECORDED', reproducing
   * the stored due date) or on the current calendar ('CURRENT', which also records the new result).
   */
  async recompute(
    key: LedgerKey,
    version: 'RECORDED' | 'CURRENT' = 'RECORDED',
    manager?: EntityManager,
  ): Promise<DueDateResult> {
    const m = manager ?? this.dataSource.manager;
    const row = await this.row(m, key, false);
    const input = await this.inputOf(m, row, new Date());
    if (version === 'RECORDED') return this.calendar.dueDateAt(input, row.calendar_version);
    let result!: DueDateResult;
    await this.mutate(key, manager, new Date(), async () => {
      result = this.calendar.dueDate(input);
    });
    return result;
  }

  private async mutate(
    key: LedgerKey,
    manager: EntityManager | undefined,
    at: Date,
    change: (m: EntityManager, row: LedgerRow) => Promise<void>,
  ): Promise<LedgerView> {
    const run = async (m: EntityManager): Promise<LedgerView> => {
      const row = await this.row(m, key, true);
      if (row.closed_at) throw new DomainException('DEADLINE_CLOSED');
      await change(m, row);
      const fresh = await this.row(m, key, false);
      const r = this.calendar.dueDate({ ...(await this.inputOf(m, fresh, at)), explain: false });
      await m.query(
        `update deadline_ledgers set calendar_version = $2, consumed = $3, consumed_as_of = $4, due_at = $5, due_date = $6,
           counting_start = $7, updated_at = now(), row_version = row_version + 1
         where id = $1`,
        [row.id, r.calendarVersion, r.consumed, at, r.due, r.dueDate, r.countingStart],
      );
      return this.view(m, await this.row(m, key, false), at);
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  private async row(m: EntityManager, key: LedgerKey, lock: boolean): Promise<LedgerRow> {
    const [row] = await m.query<LedgerRow[]>(
      `select ${LEDGER_COLUMNS} from deadline_ledgers where subject_type = $1 and subject_id = $2 and step_key = $3
       ${lock ? 'for update' : ''}`,
      [key.subjectType, key.subjectId, key.stepKey],
    );
    if (!row) throw new DomainException('DEADLINE_LEDGER_NOT_FOUND');
    return row;
  }

  private async parts(m: EntityManager, id: string) {
    const pauses = await m.query<Array<{ id: string; paused_at: Date; resumed_at: Date | null; reason_code: PauseReasonCode; reason: string | null }>>(
      `select id, paused_at, resumed_at, reason_code, reason from deadline_pauses where ledger_id = $1 order by paused_at`,
      [id],
    );
    const extensions = await m.query<Array<{ id: string; days: number; document_number: string; granted_on: string; reason: string | null }>>(
      `select id, days, document_number, to_char(granted_on, 'YYYY-MM-DD') as granted_on, reason
         from deadline_extensions where ledger_id = $1 order by created_at`,
      [id],
    );
    return { pauses, extensions };
  }

  private async inputOf(m: EntityManager, row: LedgerRow, asOf: Date) {
    const { pauses, extensions } = await this.parts(m, row.id);
    return {
      anchor: row.anchor_at,
      budget: { amount: Number(row.budget_amount), unit: row.budget_unit },
      postmarkDate: row.postmark_date,
      agencyId: row.agency_id,
      pauses: pauses.map((p) => ({ from: p.paused_at, to: p.resumed_at, reason: `${p.reason_code}${p.reason ? `: ${p.reason}` : ''}` })),
      extensionDays: extensions.reduce((s, e) => s + e.days, 0),
      asOf: row.closed_at && row.closed_at < asOf ? row.closed_at : asOf,
    };
  }

  private async view(m: EntityManager, row: LedgerRow, asOf: Date): Promise<LedgerView> {
    const { pauses, extensions } = await this.parts(m, row.id);
    const input = await this.inputOf(m, row, asOf);
    // Recomputed on the recorded version: the stored due date, plus consumed time as of asOf.
    const r = await this.calendar.dueDateAt({ ...input, explain: false }, row.calendar_version);
    const open = pauses.find((p) => p.resumed_at === null);
    const overdue = row.closed_at ? row.closed_at > row.due_at : open ? open.paused_at > row.due_at : asOf > row.due_at;
    return {
      id: row.id,
      subjectType: row.subject_type,
      subjectId: row.subject_id,
      stepKey: row.step_key,
      budget: { amount: Number(row.budget_amount), unit: row.budget_unit },
      anchorAt: row.anchor_at,
      postmarkDate: row.postmark_date,
      agencyId: row.agency_id,
      countingStart: r.countingStart,
      extensionCeilingDays: row.extension_ceiling_days,
      extensionDays: input.extensionDays,
      calendarVersion: row.calendar_version,
      consumed: r.consumed,
      remaining: r.remaining,
      paused: !!open,
      dueAt: row.due_at,
      dueDate: row.due_date,
      overdue,
      closedAt: row.closed_at,
      closeReason: row.close_reason,
      asOf,
      pauses: pauses.map((p) => ({ id: p.id, pausedAt: p.paused_at, resumedAt: p.resumed_at, reasonCode: p.reason_code, reason: p.reason })),
      extensions: extensions.map((e) => ({ id: e.id, days: e.days, documentNumber: e.document_number, grantedOn: e.granted_on, reason: e.reason })),
    };
  }
}
