import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from 'src/config/app-config';
import { QueueService } from 'src/queue/queue.service';
import { Clock } from 'src/modules/notifications/clock';
import { NotificationsService, type NotifyRecipient } from 'src/modules/notifications/notifications.service';
import { returnedRows } from 'src/modules/notifications/sql-rows';
import { ReminderCalendar } from 'src/modules/reminders/reminder-calendar';
import { rungTimes, type Ladder, type Rung, type WorkdayHours } from 'src/modules/reminders/rung-schedule';

/** A staff member a reminder goes to. Contact details are optional: the inbox always works with the id. */
export interface StaffContact {
  id: string;
  name?: string | null;
  email?: string | null;
  phone?: string | null;
}

/** A step's deadline, as the dossier module (through the calendar's deadline ledger) states it. */
export interface ArmStepInput {
  stepId: string;
  dossierId: string;
  dossierCode: string;
  stepName: string;
  procedureCode?: string | null;
  /** Increases whenever the step's deadline changes (pause/resume, extension, apology). */
  deadlineVersion: number;
  /** End of the due day, as an instant, and the due date 'YYYY-MM-DD' (business time). */
  due: Date;
  dueDate: string;
  assignee: StaffContact;
  /** The unit leader (escalation rung). Without one the escalation rung goes to the assignee. */
  leader?: StaffContact | null;
}

export interface RungRow {
  id: string;
  step_id: string;
  dossier_id: string;
  deadline_version: number;
  rung: Rung;
  due_at: Date;
  late: boolean;
  context: ArmStepInput & { due: string };
}

const KIND_OF: Record<
  Rung,
  'REMINDER_BEFORE_DUE' | 'REMINDER_DUE_DAY' | 'REMINDER_OVERDUE' | 'ESCALATION_OVERDUE'
> = {
  BEFORE_DUE: 'REMINDER_BEFORE_DUE',
  DUE_DAY: 'REMINDER_DUE_DAY',
  OVERDUE: 'REMINDER_OVERDUE',
  ESCALATE: 'ESCALATION_OVERDUE',
};

/** A fire job's id: one per rung and due time (a re-armed rung gets a new job; the same arming, the same job). */
export function rungJobId(rungId: string, dueAt: Date): string {
  return `rung-${rungId}-${dueAt.getTime()}`;
}

function contact(c: StaffContact): NotifyRecipient {
  return { ref: `staff:${c.id}`, staffId: c.id, email: c.email ?? null, phone: c.phone ?? null };
}

/**
 * The reminder ledger. Arming writes one row per rung (unique per step, deadline version and rung) in the caller's
 * transaction; pause and completion cancel pending rungs; a new deadline version supersedes the old rungs. Firing
 * claims due rows (FOR UPDATE SKIP LOCKED, status PENDING → FIRED) and records their notifications in the same
 * transaction, so a rung fires once however many jobs, workers and sweeps race for it.
 */
@Injectable()
export class RemindersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: QueueService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly calendar: ReminderCalendar,
    private readonly notifications: NotificationsService,
  ) {}

  get hours(): WorkdayHours {
    return { start: this.config.reminders.workdayStart, end: this.config.reminders.workdayEnd };
  }

  /** The procedure's ladder, or the default ladder from settings. */
  async ladder(manager: EntityManager, procedureCode?: string | null): Promise<Ladder> {
    if (procedureCode) {
      const [row] = await manager.query<
        Array<{ days_before: number; escalate_after_days: number; rungs: Rung[] }>
      >(`select days_before, escalate_after_days, rungs from reminder_ladders where procedure_code = $1`, [
        procedureCode,
      ]);
      if (row)
        return { daysBefore: row.days_before, escalateAfterDays: row.escalate_after_days, rungs: row.rungs };
    }
    const d = this.config.reminders;
    return { daysBefore: d.daysBefore, escalateAfterDays: d.escalateAfterDays, rungs: d.rungs as Rung[] };
  }

  /**
   * Arms (or re-arms) the ladder of a step for a deadline version, in the caller's transaction. Pending rungs of
   * older versions are cancelled (superseded). Rungs of this version that were cancelled by a pause come back at
   * their new times; fired rungs are never reset. Armed late, BEFORE_DUE is skipped once the due day has begun
   * and DUE_DAY once the step is overdue.
   * Returns the armed rows: pass them to `schedule` after the commit (the sweep covers a crash in between).
   */
  async armStep(manager: EntityManager, input: ArmStepInput): Promise<RungRow[]> {
    await manager.query(
      `update reminder_rungs set status = 'CANCELLED', cancelled_reason = 'superseded', updated_at = now()
        where step_id = $1 and status = 'PENDING' and deadline_version <> $2`,
      [input.stepId, input.deadlineVersion],
    );
    const now = this.clock.now();
    const ladder = await this.ladder(manager, input.procedureCode);
    const all = await rungTimes(input, ladder, this.calendar, this.hours);
    const dueDayAt = all.find((t) => t.rung === 'DUE_DAY')?.dueAt ?? input.due;
    // Armed late: no "due tomorrow" once the due day has begun, no "due today" once the step is overdue.
    const times = all.filter(
      (t) => !((t.rung === 'BEFORE_DUE' && now >= dueDayAt) || (t.rung === 'DUE_DAY' && now > input.due)),
    );
    if (times.length === 0) return [];
    const context = { ...input, due: input.due.toISOString() };
    const result: unknown = await manager.query(
      `insert into reminder_rungs (step_id, dossier_id, deadline_version, rung, due_at, context)
       select $1, $2, $3, r, t, $6::jsonb from unnest($4::text[], $5::timestamptz[]) as x(r, t)
       on conflict (step_id, deadline_version, rung) do update
          set due_at = excluded.due_at, status = 'PENDING', cancelled_reason = null, context = excluded.context,
              updated_at = now()
        where reminder_rungs.status = 'CANCELLED'
       returning id, step_id, dossier_id, deadline_version, rung, due_at, late, context`,
      [
        input.stepId,
        input.dossierId,
        input.deadlineVersion,
        times.map((t) => t.rung),
        times.map((t) => t.dueAt.toISOString()),
        JSON.stringify(context),
      ],
    );
    return returnedRows<RungRow>(result);
  }

  /** Cancels the step's pending rungs (pause: 'paused'; completion: 'completed'), in the caller's transaction. */
  async cancelStep(
    manager: EntityManager,
    stepId: string,
    reason: 'paused' | 'completed' | 'cancelled',
  ): Promise<number> {
    const result: unknown = await manager.query(
      `update reminder_rungs set status = 'CANCELLED', cancelled_reason = $2, updated_at = now()
        where step_id = $1 and status = 'PENDING' returning id`,
      [stepId, reason],
    );
    return returnedRows(result).length;
  }

  /** Cancels the pending rungs of every step of a dossier (but `exceptStepId`), in the caller's transaction. */
  async cancelDossier(
    manager: EntityManager,
    dossierId: string,
    reason: 'paused' | 'completed' | 'superseded',
    exceptStepId: string | null = null,
  ): Promise<number> {
    const result: unknown = await manager.query(
      `update reminder_rungs set status = 'CANCELLED', cancelled_reason = $2, updated_at = now()
        where dossier_id = $1 and status = 'PENDING' and ($3::uuid is null or step_id <> $3::uuid) returning id`,
      [dossierId, reason, exceptStepId],
    );
    return returnedRows(result).length;
  }

  /** Arms in its own transaction and schedules the fire jobs. */
  async armStepNow(input: ArmStepInput): Promise<RungRow[]> {
    const rows = await this.dataSource.transaction((m) => this.armStep(m, input));
    await this.schedule(rows);
    return rows;
  }

  /** Delayed fire jobs for armed rungs: BullMQ does the timing, the ledger decides whether anything is sent. */
  async schedule(rows: Array<Pick<RungRow, 'id' | 'due_at'>>): Promise<void> {
    const now = this.clock.now().getTime();
    for (let i = 0; i < rows.length; i += 1000) {
      await this.queues.addBulk(
        'reminders.fire',
        rows.slice(i, i + 1000).map((r) => {
          const dueAt = new Date(r.due_at);
          return {
            payload: { rungId: r.id },
            options: { jobId: rungJobId(r.id, dueAt), delay: Math.max(0, dueAt.getTime() - now) },
          };
        }),
      );
    }
  }

  /**
   * Claims the given due rows (or, with `after`, the next keyset page of due rows) and fires them: marks them FIRED
   * (late when past REMINDER_LATE_AFTER_MS) and records their notifications in one transaction, then enqueues the
   * deliveries. Returns the page's last key and how many it fired.
   */
  async firePage(
    page: { ids: string[] } | { after: { dueAt: Date; id: string } | null; limit: number },
  ): Promise<{ fired: RungRow[]; last: { dueAt: Date; id: string } | null; scanned: number }> {
    const now = this.clock.now();
    const { fired, last, scanned, deliveryIds } = await this.dataSource.transaction(async (manager) => {
      const candidates = await manager.query<Array<{ id: string; due_at: Date }>>(
        'ids' in page
          ? `select id, due_at from reminder_rungs where id = any($1::uuid[]) and status = 'PENDING' and due_at <= $2
              order by due_at, id for update skip locked`
          : `select id, due_at from reminder_rungs
              where status = 'PENDING' and due_at <= $2
                and ($3::timestamptz is null or (due_at, id) > ($3::timestamptz, $4::uuid))
              order by due_at, id limit $1 for update skip locked`,
        'ids' in page
          ? [page.ids, now]
          : [page.limit, now, page.after?.dueAt ?? null, page.after?.id ?? null],
      );
      if (candidates.length === 0) return { fired: [], last: null, scanned: 0, deliveryIds: [] };
      const rows = returnedRows<RungRow>(
        await manager.query(
          `update reminder_rungs set status = 'FIRED', fired_at = $2, updated_at = now(),
                  late = ($2::timestamptz - due_at) > make_interval(secs => $3::float8 / 1000)
            where id = any($1::uuid[]) and status = 'PENDING'
            returning id, step_id, dossier_id, deadline_version, rung, due_at, late, context`,
          [candidates.map((c) => c.id), now, this.config.reminders.lateAfterMs],
        ),
      );
      const ids = await this.notifications.notify(
        manager,
        rows.map((r) => {
          const target =
            r.rung === 'ESCALATE' ? (r.context.leader ?? r.context.assignee) : r.context.assignee;
          return {
            kind: KIND_OF[r.rung],
            sourceKey: `rung:${r.id}`,
            dueAt: new Date(r.due_at),
            data: {
              dossierId: r.dossier_id,
              dossierCode: r.context.dossierCode,
              stepId: r.step_id,
              stepName: r.context.stepName,
              dueDate: r.context.dueDate,
              assigneeName: r.context.assignee.name ?? '',
              late: r.late,
            },
            recipients: [contact(target)],
          };
        }),
      );
      const tail = candidates[candidates.length - 1];
      return {
        fired: rows,
        last: { dueAt: new Date(tail.due_at), id: tail.id },
        scanned: candidates.length,
        deliveryIds: ids,
      };
    });
    await this.notifications.enqueue(deliveryIds);
    return { fired, last, scanned };
  }
}
