import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reminder ledger: one row per (step, deadline version, rung). The unique key makes every rung fire at most
 * once; the partial index on due_at lets the sweep find due, unfired rungs in keyset order. Per-procedure ladders
 * override the default ladder from settings.
 */
export class ReminderRungs1764600002000 implements MigrationInterface {
  name = 'ReminderRungs1764600002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table reminder_ladders (
        procedure_code text primary key check (length(procedure_code) between 1 and 100),
        days_before int not null check (days_before between 0 and 30),
        escalate_after_days int not null check (escalate_after_days between 0 and 30),
        rungs text[] not null check (rungs <@ array['BEFORE_DUE', 'DUE_DAY', 'OVERDUE', 'ESCALATE']::text[]),
        updated_at timestamptz not null default now()
      )`);
    await q.query(`
      create table reminder_rungs (
        id uuid primary key default gen_random_uuid(),
        step_id uuid not null,
        dossier_id uuid not null,
        deadline_version int not null check (deadline_version >= 1),
        rung text not null check (rung in ('BEFORE_DUE', 'DUE_DAY', 'OVERDUE', 'ESCALATE')),
        due_at timestamptz not null,
        status text not null default 'PENDING' check (status in ('PENDING', 'FIRED', 'CANCELLED')),
        fired_at timestamptz null,
        late boolean not null default false,
        cancelled_reason text null,
        context jsonb not null default '{}'::jsonb,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        constraint reminder_rungs_once unique (step_id, deadline_version, rung),
        check ((status = 'FIRED') = (fired_at is not null))
      )`);
    await q.query(`create index reminder_rungs_due_idx on reminder_rungs (due_at, id) where status = 'PENDING'`);
    await q.query(`create index reminder_rungs_step_idx on reminder_rungs (step_id, status)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table reminder_rungs`);
    await q.query(`drop table reminder_ladders`);
  }
}
