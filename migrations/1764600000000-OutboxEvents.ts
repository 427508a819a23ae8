import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Transactional outbox: a module writes the event that causes a side effect (notification, webhook) in the same
 * transaction as its state change; the relay moves committed rows to the queue. Unpublished rows are found through
 * a partial index, so the table can grow without slowing the relay.
 */
export class OutboxEvents1764600000000 implements MigrationInterface {
  name = 'OutboxEvents1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table outbox_events (
        id bigserial primary key,
        aggregate_type text not null check (length(aggregate_type) between 1 and 100),
        aggregate_id uuid not null,
        event_type text not null check (event_type ~ '^[a-z][a-z0-9_.]{0,99}$'),
        payload jsonb not null default '{}'::jsonb,
        created_at timestamptz not null default now(),
        published_at timestamptz null
      )`);
    await q.query(`create index outbox_events_unpublished_idx on outbox_events (id) where published_at is null`);
    await q.query(`create index outbox_events_aggregate_idx on outbox_events (aggregate_type, aggregate_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table outbox_events`);
  }
}
