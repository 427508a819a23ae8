import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every change to what authentication reads (staff users, agencies, the credential columns of API keys) notifies
 * `an_sinh_principals_changed`, whoever made it; each API process drops its in-memory principal cache on it
 * (PrincipalCacheService). Statement-level, so a bulk update sends one notification; PostgreSQL delivers it on
 * commit and folds duplicates within a transaction. `api_keys.last_used_at` is left out: it changes with use.
 */
export class PrincipalChangeNotifications1764100002000 implements MigrationInterface {
  name = 'PrincipalChangeNotifications1764100002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create function notify_principals_changed() returns trigger language plpgsql as $$
      begin
        perform pg_notify('an_sinh_principals_changed', tg_table_name);
        return null;
      end $$`);
    await q.query(`
      create trigger staff_users_principals_changed
        after insert or update or delete or truncate on staff_users
        for each statement execute function notify_principals_changed()`);
    await q.query(`
      create trigger agencies_principals_changed
        after insert or update or delete or truncate on agencies
        for each statement execute function notify_principals_changed()`);
    await q.query(`
      create trigger api_keys_principals_changed
        after insert or delete or truncate
           or update of prefix, secret_hash, scopes, agency_id, revoked_at, expires_at on api_keys
        for each statement execute function notify_principals_changed()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop trigger api_keys_principals_changed on api_keys`);
    await q.query(`drop trigger agencies_principals_changed on agencies`);
    await q.query(`drop trigger staff_users_principals_changed on staff_users`);
    await q.query(`drop function notify_principals_changed()`);
  }
}
