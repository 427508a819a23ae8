import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications: webhook subscribers (per-subscriber secret), one delivery row per (source, channel, recipient)
 * with the rendered message and its result, and the staff in-app inbox.
 */
export class Notifications1764600001000 implements MigrationInterface {
  name = 'Notifications1764600001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table webhook_subscriptions (
        id uuid primary key default gen_random_uuid(),
        name text not null check (length(name) between 1 and 200),
        url text not null check (url ~ '^https?://' and length(url) <= 2000),
        secret text not null check (secret ~ '^whsec_[A-Za-z0-9+/=]{16,200}$'),
        event_types text[] not null,
        api_key_id uuid null,
        active boolean not null default true,
        created_at timestamptz not null default now()
      )`);
    await q.query(`create index webhook_subscriptions_events_idx on webhook_subscriptions using gin (event_types) where active`);
    await q.query(`
      create table notification_deliveries (
        id uuid primary key default gen_random_uuid(),
        dedupe_key text not null unique check (length(dedupe_key) between 1 and 400),
        event_kind text not null check (length(event_kind) between 1 and 100),
        channel text not null check (channel in ('EMAIL', 'SMS', 'WEBHOOK')),
        recipient_ref text not null check (length(recipient_ref) <= 200),
        address text not null check (length(address) between 1 and 2000),
        subscription_id uuid null references webhook_subscriptions (id) on delete set null,
        subject text null,
        body text not null,
        payload jsonb not null default '{}'::jsonb,
        status text not null default 'PENDING' check (status in ('PENDING', 'SENDING', 'SENT', 'FAILED')),
        attempts int not null default 0 check (attempts >= 0),
        max_attempts int not null check (max_attempts between 1 and 100),
        last_error text null,
        response_status int null,
        due_at timestamptz not null,
        sent_at timestamptz null,
        failed_at timestamptz null,
        replay_count int not null default 0,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        check ((status = 'SENT') = (sent_at is not null))
      )`);
    await q.query(
      `create index notification_deliveries_open_idx on notification_deliveries (created_at, id) where status in ('PENDING', 'SENDING')`,
    );
    await q.query(
      `create index notification_deliveries_failed_idx on notification_deliveries (failed_at desc, id) where status = 'FAILED'`,
    );
    await q.query(`
      create table inbox_notifications (
        id uuid primary key default gen_random_uuid(),
        dedupe_key text not null unique check (length(dedupe_key) between 1 and 400),
        recipient_id text not null check (length(recipient_id) between 1 and 200),
        event_kind text not null,
        title text not null,
        body text not null,
        data jsonb not null default '{}'::jsonb,
        created_at timestamptz not null default now(),
        read_at timestamptz null
      )`);
    await q.query(`create index inbox_notifications_recipient_idx on inbox_notifications (recipient_id, created_at desc, id desc)`);
    await q.query(`create index inbox_notifications_unread_idx on inbox_notifications (recipient_id) where read_at is null`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table inbox_notifications`);
    await q.query(`drop table notification_deliveries`);
    await q.query(`drop table webhook_subscriptions`);
  }
}
