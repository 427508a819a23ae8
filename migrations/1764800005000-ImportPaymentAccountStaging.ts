import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Payment-account imports: the staging rows hold only what the account cipher sealed (ciphertext, last four, a keyed
 * fingerprint, a hash of the holder's name key), never the account number or holder name in clear; the rows are
 * deleted when the import is committed. The fingerprint of each account an import created is kept so that
 * re-importing the same file changes nothing.
 */
export class ImportPaymentAccountStaging1764800005000 implements MigrationInterface {
  name = 'ImportPaymentAccountStaging1764800005000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table import_payment_account_rows (
        import_id uuid not null references import_jobs (id) on delete cascade,
        row_no integer not null,
        rejected boolean not null default false,
        cccd text,
        method text check (method in ('BANK', 'POST_OFFICE_CASH')),
        bank_code text,
        account_ciphertext bytea,
        account_last4 text,
        fingerprint text,
        holder_key_sha256 text,
        post_office text,
        person_id uuid,
        account_id uuid,
        action text check (action in ('CREATE', 'UPDATE', 'UNCHANGED', 'REJECTED')),
        chunk_no integer not null,
        primary key (import_id, row_no)
      )`);
    await q.query(
      `create index import_payment_account_rows_chunk_idx on import_payment_account_rows (import_id, chunk_no)`,
    );
    await q.query(`
      create table import_payment_account_fingerprints (
        account_id uuid primary key references benefit_payment_accounts (id) on delete restrict,
        fingerprint text not null check (fingerprint ~ '^[0-9a-f]{64}$'),
        import_id uuid not null,
        created_at timestamptz not null default now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table import_payment_account_fingerprints`);
    await q.query(`drop table import_payment_account_rows`);
  }
}
