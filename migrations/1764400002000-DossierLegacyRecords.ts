import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Legacy dossiers: history recorded from older one-stop software (`origin = 'LEGACY_IMPORT'`), keyed by the agency
 * and the source system's dossier code (`legacy_code`, unique per agency so that a re-import is idempotent). Their
 * code scheme is `LEGACY` (the code is built from the agency and legacy codes, not issued by the desk). They carry
 * no events, outbox rows or reminders: only the columns the reports read.
 */
export class DossierLegacyRecords1764400002000 implements MigrationInterface {
  name = 'DossierLegacyRecords1764400002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table dossiers
        add column origin text not null default 'DESK' check (origin in ('DESK', 'LEGACY_IMPORT')),
        add column legacy_code text check (legacy_code ~ '^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$'),
        add constraint dossiers_legacy_code_origin check ((origin = 'LEGACY_IMPORT') = (legacy_code is not null))`);
    await q.query(`alter table dossiers drop constraint dossiers_code_scheme_check`);
    await q.query(`alter table dossiers add constraint dossiers_code_scheme_check
      check (code_scheme in ('CIRCULAR_03_2025', 'QCVN_102', 'CENTRALISED', 'LEGACY'))`);
    await q.query(`create unique index dossiers_legacy_code_key on dossiers (agency_id, legacy_code)
      where legacy_code is not null`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`delete from dossiers where origin = 'LEGACY_IMPORT'`);
    await q.query(`drop index dossiers_legacy_code_key`);
    await q.query(`alter table dossiers drop constraint dossiers_code_scheme_check`);
    await q.query(`alter table dossiers add constraint dossiers_code_scheme_check
      check (code_scheme in ('CIRCULAR_03_2025', 'QCVN_102', 'CENTRALISED'))`);
    await q.query(`
      alter table dossiers
        drop constraint dossiers_legacy_code_origin,
        drop column legacy_code,
        drop column origin`);
  }
}
