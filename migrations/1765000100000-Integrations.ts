import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Portal integrations (issue 12): per-API-key request signing, admin-edited code mappings (portal status codes and
 * portal procedure codes), idempotent POSTs, and the ordered per-dossier webhook chains fed from the dossier outbox.
 * Webhook subscriptions and deliveries themselves live in the notifications tables (webhook_subscriptions,
 * notification_deliveries); this module only orders them per dossier.
 */
export class Integrations1765000100000 implements MigrationInterface {
  name = 'Integrations1765000100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table integration_clients (
        api_key_id uuid primary key references api_keys (id) on delete cascade,
        portal text not null default 'DVCQG' check (portal ~ '^[A-Z0-9_]{1,40}$'),
        signing_required boolean not null default false,
        signing_secret text null check (length(signing_secret) between 32 and 200),
        updated_at timestamptz not null default now(),
        check (not signing_required or signing_secret is not null)
      )`);
    await q.query(`
      create table portal_status_mappings (
        id uuid primary key default gen_random_uuid(),
        portal text not null check (portal ~ '^[A-Z0-9_]{1,40}$'),
        internal_state text not null check (internal_state ~ '^[A-Z_]{1,60}$'),
        portal_code text not null check (length(portal_code) between 1 and 40),
        note text null check (length(note) <= 500),
        updated_at timestamptz not null default now(),
        unique (portal, internal_state)
      )`);
    await q.query(`
      create table portal_procedure_mappings (
        id uuid primary key default gen_random_uuid(),
        portal text not null check (portal ~ '^[A-Z0-9_]{1,40}$'),
        portal_code text not null check (length(portal_code) between 1 and 60),
        catalog_code text not null check (catalog_code ~ '^[0-9A-Z.-]{1,60}$'),
        note text null check (length(note) <= 500),
        updated_at timestamptz not null default now(),
        unique (portal, portal_code)
      )`);
    await q.query(`
      create table integration_idempotency_keys (
        caller text not null check (length(caller) between 1 and 200),
        key text not null check (key ~ '^[A-Za-z0-9._:-]{1,200}$'),
        route text not null check (length(route) between 1 and 200),
        request_hash text not null,
        status_code int null,
        response jsonb null,
        created_at timestamptz not null default now(),
        primary key (caller, key)
      )`);
    await q.query(`
      create table integration_webhook_events (
        id bigserial primary key,
        subscription_id uuid not null references webhook_subscriptions (id) on delete cascade,
        dossier_id uuid not null references dossiers (id) on delete cascade,
        sequence int not null check (sequence >= 1),
        outbox_event_id bigint not null,
        event_type text not null check (length(event_type) between 1 and 100),
        state text null,
        occurred_at timestamptz not null,
        payload jsonb not null,
        delivery_id uuid null references notification_deliveries (id) on delete set null,
        next_attempt_at timestamptz null,
        delivered_at timestamptz null,
        created_at timestamptz not null default now(),
        unique (subscription_id, outbox_event_id),
        unique (subscription_id, dossier_id, sequence)
      )`);
    await q.query(
      `create index integration_webhook_events_open_idx on integration_webhook_events (subscription_id, dossier_id, sequence)
         where delivered_at is null`,
    );
    await q.query(
      `create index integration_webhook_events_day_idx on integration_webhook_events (subscription_id, occurred_at, id)`,
    );
    // Defaults for the national portal (TrangThaiHoSo 1–10); admins edit them, code never reads a constant table.
    await q.query(`
      insert into portal_status_mappings (portal, internal_state, portal_code) values
        ('DVCQG', 'SUBMITTED', '1'), ('DVCQG', 'SUPPLEMENT_BEFORE_ACCEPTANCE', '5'), ('DVCQG', 'REFUSED', '3'),
        ('DVCQG', 'RECEIVED', '2'), ('DVCQG', 'IN_PROCESSING', '4'), ('DVCQG', 'WAITING_SUPPLEMENT', '5'),
        ('DVCQG', 'WAITING_FINANCIAL_OBLIGATION', '6'), ('DVCQG', 'WITHDRAWAL_REQUESTED', '7'),
        ('DVCQG', 'WITHDRAWN', '8'), ('DVCQG', 'RETURNED_NOT_ELIGIBLE', '8'), ('DVCQG', 'APPROVED', '9'),
        ('DVCQG', 'REJECTED', '9'), ('DVCQG', 'RESULT_READY', '9'), ('DVCQG', 'RESULT_RETURNED', '10')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table integration_webhook_events`);
    await q.query(`drop table integration_idempotency_keys`);
    await q.query(`drop table portal_procedure_mappings`);
    await q.query(`drop table portal_status_mappings`);
    await q.query(`drop table integration_clients`);
  }
}
