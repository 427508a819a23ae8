import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Benefits (issue 9): allowance rules as versioned data (base levels by scheme and scope, social-assistance groups,
 * meritorious appendix tables per base version, funeral rules, the payment calendar), entitlements, one-off
 * benefits, monthly payment cycles with frozen lines (immutable once approved, enforced by a trigger), payment
 * accounts (encrypted), bank exports, result imports and the payment exception queue.
 */
export class Benefits1764700000000 implements MigrationInterface {
  name = 'Benefits1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table benefit_base_levels (
        id uuid primary key default gen_random_uuid(),
        scheme text not null check (scheme in ('SOCIAL_ASSISTANCE', 'MERIT')),
        scope text not null check (scope in ('NATIONAL', 'PROVINCE')),
        unit_id uuid references admin_units (id) on delete restrict,
        amount bigint not null check (amount > 0),
        effective_from date not null,
        legal_basis text not null check (length(legal_basis) between 1 and 500),
        unconfirmed boolean not null default false,
        note text check (length(note) <= 1000),
        created_by text not null default 'system',
        created_at timestamptz not null default now(),
        check ((scope = 'NATIONAL') = (unit_id is null))
      )`);
    await q.query(`create unique index benefit_base_levels_version_key on benefit_base_levels
      (scheme, scope, coalesce(unit_id, '00000000-0000-0000-0000-000000000000'::uuid), effective_from)`);

    await q.query(`
      create table benefit_sa_groups (
        code text primary key check (code ~ '^[A-Z0-9_]{1,60}$'),
        coefficient_hundredths integer not null check (coefficient_hundredths between 1 and 5000),
        legal_basis text not null check (length(legal_basis) between 1 and 500),
        description text not null check (length(description) between 1 and 500),
        per_child boolean not null default false,
        exception_role text check (exception_role in ('SINGLE_PARENT', 'PARTNER'))
      )`);

    await q.query(`
      create table benefit_merit_table_rows (
        base_level_id uuid not null references benefit_base_levels (id) on delete cascade,
        table_code text not null check (table_code in ('APPENDIX_I', 'APPENDIX_II', 'APPENDIX_III', 'SICK_SOLDIER')),
        key text not null check (key ~ '^[A-Z0-9_-]{1,60}$'),
        label text not null check (length(label) between 1 and 300),
        amount bigint not null check (amount > 0 and amount % 1000 = 0),
        origin text not null check (origin in ('SOURCED', 'MULTIPLE_OF_BASE', 'INTERPOLATED', 'SCALED')),
        base_multiple_hundredths integer check (base_multiple_hundredths > 0),
        primary key (base_level_id, table_code, key)
      )`);

    await q.query(`
      create table benefit_funeral_rules (
        id uuid primary key default gen_random_uuid(),
        scheme text not null check (scheme in ('SOCIAL_ASSISTANCE', 'MERIT')),
        multiple_hundredths integer not null check (multiple_hundredths > 0),
        effective_from date not null,
        legal_basis text not null check (length(legal_basis) between 1 and 500),
        unconfirmed boolean not null default false,
        unique (scheme, effective_from)
      )`);

    await q.query(`
      create table benefit_payment_calendar (
        id smallint primary key default 1 check (id = 1),
        list_due_month_offset smallint not null check (list_due_month_offset between -2 and 1),
        list_due_day smallint not null check (list_due_day between 1 and 28),
        report_due_month_offset smallint not null check (report_due_month_offset between -1 and 2),
        report_due_day smallint not null check (report_due_day between 1 and 28),
        suspend_after_uncollected_months smallint not null check (suspend_after_uncollected_months between 1 and 24),
        legal_basis text not null check (length(legal_basis) between 1 and 500)
      )`);

    await q.query(`
      create table benefit_entitlements (
        id uuid primary key default gen_random_uuid(),
        person_id uuid not null references registry_people (id) on delete restrict,
        unit_id uuid not null references admin_units (id) on delete restrict,
        status_kind text not null check (status_kind in ('MERIT', 'MERIT_RELATIVE', 'SOCIAL_PROTECTION', 'SOCIAL_PENSION')),
        status_id uuid not null,
        scheme text not null check (scheme in ('SOCIAL_ASSISTANCE', 'MERIT')),
        rule_table text check (rule_table in ('APPENDIX_I', 'APPENDIX_II', 'APPENDIX_III', 'SICK_SOLDIER')),
        rule_key text not null check (rule_key ~ '^[A-Z0-9_-]{1,60}$'),
        children smallint not null default 1 check (children between 1 and 30),
        start_date date not null,
        end_date date,
        settled_before date,
        state text not null default 'ACTIVE' check (state in ('ACTIVE', 'SUSPENDED', 'ENDED')),
        suspended_from date,
        suspend_reason text check (length(suspend_reason) <= 500),
        decision_number text not null check (length(decision_number) between 1 and 100),
        decision_date date not null,
        created_by text not null check (length(created_by) between 1 and 200),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        version integer not null default 1,
        check (end_date is null or end_date > start_date),
        check ((scheme = 'MERIT') = (rule_table is not null)),
        check ((state = 'SUSPENDED') = (suspended_from is not null)),
        unique (status_id, rule_table, rule_key, start_date)
      )`);
    await q.query(`create index benefit_entitlements_unit_idx on benefit_entitlements (unit_id)`);
    await q.query(`create index benefit_entitlements_person_idx on benefit_entitlements (person_id)`);

    await q.query(`
      create table benefit_payment_accounts (
        id uuid primary key default gen_random_uuid(),
        person_id uuid not null references registry_people (id) on delete restrict,
        method text not null check (method in ('BANK', 'POST_OFFICE_CASH')),
        bank_code text check (bank_code ~ '^[A-Z0-9]{2,20}$'),
        account_ciphertext bytea,
        account_last4 text check (account_last4 ~ '^[0-9A-Za-z]{1,4}$'),
        holder_name_matches boolean,
        post_office text check (length(post_office) <= 200),
        state text not null default 'ACTIVE' check (state in ('ACTIVE', 'CLOSED')),
        created_by text not null,
        created_at timestamptz not null default now(),
        closed_at timestamptz,
        check ((method = 'BANK') = (bank_code is not null and account_ciphertext is not null and account_last4 is not null))
      )`);

    await q.query(`create unique index benefit_payment_accounts_active_key on benefit_payment_accounts (person_id)
      where state = 'ACTIVE'`);

    await q.query(`
      create table benefit_one_offs (
        id uuid primary key default gen_random_uuid(),
        kind text not null check (kind in ('FUNERAL')),
        scheme text not null check (scheme in ('SOCIAL_ASSISTANCE', 'MERIT')),
        person_id uuid not null references registry_people (id) on delete restrict,
        unit_id uuid not null references admin_units (id) on delete restrict,
        payee_name text not null check (length(payee_name) between 1 and 200),
        event_date date not null,
        amount bigint not null check (amount > 0),
        rate bigint not null,
        coefficient_hundredths integer,
        legal_basis text not null,
        explanation text not null,
        dossier_id uuid,
        created_by text not null,
        created_at timestamptz not null default now(),
        unique (person_id, kind)
      )`);

    await q.query(`
      create table benefit_payment_cycles (
        id uuid primary key default gen_random_uuid(),
        unit_id uuid not null references admin_units (id) on delete restrict,
        period date not null check (extract(day from period) = 1),
        state text not null default 'DRAFT' check (state in ('DRAFT', 'APPROVED', 'PAID', 'PARTIALLY_PAID')),
        line_count integer not null default 0,
        total_amount bigint not null default 0,
        regular_amount bigint not null default 0,
        arrear_amount bigint not null default 0,
        recovery_amount bigint not null default 0,
        one_off_amount bigint not null default 0,
        carry_over_amount bigint not null default 0,
        list_due_date date not null,
        report_due_date date not null,
        computed_by text,
        computed_at timestamptz,
        approved_by text,
        approved_at timestamptz,
        closed_at timestamptz,
        created_at timestamptz not null default now(),
        version integer not null default 1,
        unique (unit_id, period),
        check (state = 'DRAFT' or approved_at is not null)
      )`);

    await q.query(`
      create table benefit_payment_lines (
        id uuid primary key default gen_random_uuid(),
        cycle_id uuid not null,
        line_no integer not null,
        kind text not null check (kind in ('REGULAR', 'ARREAR', 'RECOVERY', 'ONE_OFF', 'CARRY_OVER')),
        entitlement_id uuid,
        one_off_id uuid references benefit_one_offs (id) on delete restrict,
        carried_from_line_id uuid references benefit_payment_lines (id) on delete restrict,
        -- cycle_id and entitlement_id are checked once per INSERT statement (trigger below) instead of by per-row FK
        -- triggers, and cycles / entitlements / accounts are never deleted (triggers): six per-row FK checks cost a
        -- 100,000-line freeze several seconds. person_id and payment_account_id are snapshot columns.
        person_id uuid not null,
        person_name text not null,
        for_month date not null check (extract(day from for_month) = 1),
        scheme text not null check (scheme in ('SOCIAL_ASSISTANCE', 'MERIT')),
        rule_key text not null,
        rate bigint not null,
        coefficient_hundredths integer,
        amount bigint not null check (amount <> 0),
        legal_basis text not null,
        explanation text not null,
        payment_method text not null check (payment_method in ('BANK', 'POST_OFFICE_CASH', 'DEDUCTION')),
        payment_account_id uuid,
        instruction_id text collate "C" not null unique check (instruction_id ~ '^AS[0-9A-F]{22}$'),
        payment_status text not null default 'PENDING' check (payment_status in ('PENDING', 'EXPORTED', 'PAID',
          'FAILED', 'REVERSED', 'UNCOLLECTED', 'RECOVERY_DUE')),
        status_reason text check (length(status_reason) <= 500),
        bank_reference text check (length(bank_reference) <= 100),
        status_at timestamptz,
        unique (cycle_id, line_no),
        check ((kind = 'RECOVERY') = (amount < 0)),
        check (kind not in ('REGULAR', 'ARREAR', 'RECOVERY') or entitlement_id is not null),
        check ((kind = 'ONE_OFF') = (one_off_id is not null)),
        check ((kind = 'CARRY_OVER') = (carried_from_line_id is not null)),
        check ((payment_method = 'BANK') = (payment_account_id is not null and kind <> 'RECOVERY'))
      )`);
    // Paid history must stay resolvable: accounts are closed, entitlements ended, cycles kept; none is ever deleted.
    await q.query(`
      create function benefit_keep_rows() returns trigger language plpgsql as $$
      begin
        raise exception '% rows are never deleted', tg_table_name using errcode = 'restrict_violation';
      end $$`);
    for (const table of ['benefit_payment_accounts', 'benefit_entitlements', 'benefit_payment_cycles'])
      await q.query(
        `create trigger ${table}_keep before delete on ${table} for each row execute function benefit_keep_rows()`,
      );
    await q.query(`create index benefit_payment_lines_ledger_idx on benefit_payment_lines (entitlement_id, for_month)
      where kind in ('REGULAR', 'ARREAR', 'RECOVERY')`);
    await q.query(`create unique index benefit_payment_lines_carry_once on benefit_payment_lines (carried_from_line_id)
      where carried_from_line_id is not null`);
    await q.query(`create unique index benefit_payment_lines_one_off_once on benefit_payment_lines (one_off_id)
      where one_off_id is not null`);
    await q.query(
      `create index benefit_payment_lines_cycle_idx on benefit_payment_lines (cycle_id, payment_status)`,
    );

    // A cycle's lines are frozen once it leaves DRAFT: only the payment outcome of a line may change.
    await q.query(`
      create function benefit_payment_lines_frozen() returns trigger language plpgsql as $$
      declare
        cycle_state text;
      begin
        select state into cycle_state from benefit_payment_cycles where id = old.cycle_id;
        if cycle_state = 'DRAFT' then
          return new;
        end if;
        if (new.cycle_id, new.line_no, new.kind, new.entitlement_id, new.one_off_id,
            new.carried_from_line_id, new.person_id, new.person_name, new.for_month, new.rule_key, new.rate,
            new.coefficient_hundredths, new.amount, new.legal_basis, new.explanation, new.payment_method,
            new.payment_account_id, new.instruction_id)
          is not distinct from (old.cycle_id, old.line_no, old.kind, old.entitlement_id, old.one_off_id,
            old.carried_from_line_id, old.person_id, old.person_name, old.for_month, old.rule_key, old.rate,
            old.coefficient_hundredths, old.amount, old.legal_basis, old.explanation, old.payment_method,
            old.payment_account_id, old.instruction_id) then
          return new;
        end if;
        raise exception 'payment lines of a % cycle are frozen', cycle_state using errcode = 'check_violation',
          constraint = 'benefit_payment_lines_frozen';
      end $$`);
    await q.query(`create trigger benefit_payment_lines_frozen before update
      on benefit_payment_lines for each row execute function benefit_payment_lines_frozen()`);
    // Inserts are checked once per statement (a cycle freezes 100,000 lines in one INSERT … SELECT).
    await q.query(`
      create function benefit_payment_lines_insert_frozen() returns trigger language plpgsql as $$
      begin
        if exists (select 1 from inserted i left join benefit_payment_cycles c on c.id = i.cycle_id
                    where c.id is null or c.state <> 'DRAFT') then
          raise exception 'lines can only be added to an existing DRAFT cycle' using errcode = 'check_violation',
            constraint = 'benefit_payment_lines_frozen';
        end if;
        if exists (select 1 from inserted i left join benefit_entitlements e on e.id = i.entitlement_id
                    where i.entitlement_id is not null and e.id is null) then
          raise exception 'payment line refers to a missing entitlement' using errcode = 'foreign_key_violation',
            constraint = 'benefit_payment_lines_entitlement_id_fkey';
        end if;
        return null;
      end $$`);
    await q.query(`create trigger benefit_payment_lines_insert_frozen after insert on benefit_payment_lines
      referencing new table as inserted for each statement execute function benefit_payment_lines_insert_frozen()`);
    // Deletes too (recomputing a draft deletes its lines: one check per statement, not per row).
    await q.query(`
      create function benefit_payment_lines_delete_frozen() returns trigger language plpgsql as $$
      begin
        if exists (select 1 from deleted d join benefit_payment_cycles c on c.id = d.cycle_id where c.state <> 'DRAFT') then
          raise exception 'payment lines of an approved cycle are frozen' using errcode = 'check_violation',
            constraint = 'benefit_payment_lines_frozen';
        end if;
        return null;
      end $$`);
    await q.query(`create trigger benefit_payment_lines_delete_frozen after delete on benefit_payment_lines
      referencing old table as deleted for each statement execute function benefit_payment_lines_delete_frozen()`);

    await q.query(`
      create table benefit_payment_exceptions (
        id uuid primary key default gen_random_uuid(),
        line_id uuid not null unique references benefit_payment_lines (id) on delete restrict,
        unit_id uuid not null references admin_units (id) on delete restrict,
        kind text not null check (kind in ('FAILED', 'REVERSED', 'UNCOLLECTED')),
        reason text not null check (length(reason) between 1 and 500),
        state text not null default 'OPEN' check (state in ('OPEN', 'CARRIED_OVER', 'RESOLVED')),
        carried_to_cycle_id uuid references benefit_payment_cycles (id) on delete restrict,
        created_at timestamptz not null default now(),
        resolved_at timestamptz
      )`);
    await q.query(`create index benefit_payment_exceptions_open_idx on benefit_payment_exceptions (unit_id)
      where state = 'OPEN'`);

    await q.query(`
      create table benefit_bank_files (
        id uuid primary key default gen_random_uuid(),
        cycle_id uuid not null references benefit_payment_cycles (id) on delete restrict,
        direction text not null check (direction in ('EXPORT', 'RESULT')),
        format text not null check (format in ('CSV', 'XLSX')),
        sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
        line_count integer not null,
        total_amount bigint not null,
        summary jsonb not null default '{}',
        created_by text not null,
        created_at timestamptz not null default now()
      )`);
    await q.query(`create unique index benefit_bank_files_result_once on benefit_bank_files (cycle_id, sha256)
      where direction = 'RESULT'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table benefit_bank_files`);
    await q.query(`drop table benefit_payment_exceptions`);
    await q.query(`drop trigger benefit_payment_lines_delete_frozen on benefit_payment_lines`);
    await q.query(`drop function benefit_payment_lines_delete_frozen()`);
    await q.query(`drop trigger benefit_payment_lines_insert_frozen on benefit_payment_lines`);
    await q.query(`drop function benefit_payment_lines_insert_frozen()`);
    await q.query(`drop trigger benefit_payment_lines_frozen on benefit_payment_lines`);
    await q.query(`drop function benefit_payment_lines_frozen()`);
    for (const table of ['benefit_payment_accounts', 'benefit_entitlements', 'benefit_payment_cycles'])
      await q.query(`drop trigger ${table}_keep on ${table}`);
    await q.query(`drop function benefit_keep_rows()`);
    for (const table of [
      'benefit_payment_lines',
      'benefit_payment_cycles',
      'benefit_one_offs',
      'benefit_payment_accounts',
      'benefit_entitlements',
      'benefit_payment_calendar',
      'benefit_funeral_rules',
      'benefit_merit_table_rows',
      'benefit_sa_groups',
      'benefit_base_levels',
    ])
      await q.query(`drop table ${table}`);
  }
}
