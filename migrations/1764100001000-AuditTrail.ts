import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Append-only audit trail with a hash chain per business day (UTC+7). The chain is computed by a BEFORE INSERT
 * trigger under a per-day advisory lock, so every writer (service, SQL, import) is chained the same way and the
 * sequence number follows chain order. UPDATE, DELETE and TRUNCATE raise.
 */
export class AuditTrail1764100001000 implements MigrationInterface {
  name = 'AuditTrail1764100001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`create sequence audit_events_seq`);
    await q.query(`
      create table audit_events (
        id uuid primary key default gen_random_uuid(),
        seq bigint not null unique,
        segment_date date not null,
        recorded_at timestamptz not null,
        actor_kind text not null check (actor_kind in ('user', 'api_key', 'system', 'anonymous')),
        actor_id text check (length(actor_id) <= 100),
        actor_name text check (length(actor_name) <= 200),
        agency_id uuid,
        request_id text check (length(request_id) <= 128),
        ip text check (length(ip) <= 64),
        action text not null check (action ~ '^[A-Z][A-Z0-9_]{1,63}$'),
        entity_type text not null check (length(entity_type) between 1 and 64),
        entity_id text check (length(entity_id) <= 200),
        diff jsonb,
        personal_fields text[] not null default '{}',
        prev_hash text not null,
        hash text not null
      )`);
    await q.query(`create index audit_events_segment_idx on audit_events (segment_date, seq)`);
    await q.query(`create index audit_events_recorded_idx on audit_events (recorded_at, seq)`);
    await q.query(`create index audit_events_actor_idx on audit_events (actor_id, recorded_at)`);
    await q.query(`create index audit_events_entity_idx on audit_events (entity_type, entity_id, recorded_at)`);
    await q.query(`create index audit_events_action_idx on audit_events (action, recorded_at)`);

    // The canonical text of an event: a JSON array of every column but hash, in a fixed order.
    await q.query(`
      create function audit_event_hash(e audit_events) returns text
      language sql immutable parallel safe
      as $$
        select encode(sha256(convert_to(jsonb_build_array(
          e.seq, e.segment_date, to_char(e.recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
          e.actor_kind, e.actor_id, e.actor_name, e.agency_id, e.request_id, e.ip, e.action,
          e.entity_type, e.entity_id, e.diff, to_jsonb(e.personal_fields), e.prev_hash
        )::text, 'UTF8')), 'hex')
      $$`);
    await q.query(`
      create function audit_segment_genesis(d date) returns text
      language sql immutable parallel safe
      as $$ select encode(sha256(convert_to('an-sinh-audit-segment:' || d::text, 'UTF8')), 'hex') $$`);
    await q.query(`
      create function audit_events_chain() returns trigger
      language plpgsql as $$
      declare
        last_hash text;
      begin
        new.recorded_at := clock_timestamp();
        new.segment_date := (new.recorded_at at time zone 'UTC' + interval '7 hours')::date;
        perform pg_advisory_xact_lock(hashtext('audit_events:' || new.segment_date::text));
        -- Re-read the clock after the lock so chain order and time order agree.
        new.recorded_at := greatest(clock_timestamp(), new.recorded_at);
        new.seq := nextval('audit_events_seq');
        select a.hash into last_hash from audit_events a
          where a.segment_date = new.segment_date order by a.seq desc limit 1;
        new.prev_hash := coalesce(last_hash, audit_segment_genesis(new.segment_date));
        new.hash := audit_event_hash(new);
        return new;
      end $$`);
    await q.query(`
      create trigger audit_events_chain before insert on audit_events
      for each row execute function audit_events_chain()`);
    await q.query(`
      create function audit_events_immutable() returns trigger
      language plpgsql as $$
      begin
        raise exception 'audit_events is append-only: % is not allowed', tg_op
          using errcode = 'insufficient_privilege';
      end $$`);
    await q.query(`
      create trigger audit_events_no_update_delete before update or delete on audit_events
      for each row execute function audit_events_immutable()`);
    await q.query(`
      create trigger audit_events_no_truncate before truncate on audit_events
      for each statement execute function audit_events_immutable()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop function audit_event_hash(audit_events)`);
    await q.query(`drop table audit_events`);
    await q.query(`drop function audit_events_immutable()`);
    await q.query(`drop function audit_events_chain()`);
    await q.query(`drop function audit_segment_genesis(date)`);
    await q.query(`drop sequence audit_events_seq`);
  }
}
