import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Legacy-dossier imports (LEGACY_DOSSIERS): the staged rows of a file of dossiers from older one-stop software,
 * with the agency and unit resolved at classification (deleted when the import is committed).
 */
export class ImportLegacyDossierStaging1764800006000 implements MigrationInterface {
  name = 'ImportLegacyDossierStaging1764800006000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table import_legacy_dossier_rows (
        import_id uuid not null references import_jobs (id) on delete cascade,
        row_no integer not null,
        rejected boolean not null default false,
        legacy_code text,
        procedure_code text,
        agency_code text,
        unit_code text,
        channel text check (channel in ('DIRECT', 'ONLINE', 'POSTAL')),
        outcome text,
        received_on date,
        due_on date,
        decided_on date,
        returned_on date,
        applicant_name text,
        agency_id uuid,
        unit_id uuid,
        action text check (action in ('CREATE', 'UPDATE', 'UNCHANGED', 'REJECTED')),
        chunk_no integer not null,
        primary key (import_id, row_no)
      )`);
    await q.query(`create index import_legacy_dossier_rows_chunk_idx on import_legacy_dossier_rows (import_id, chunk_no)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table import_legacy_dossier_rows`);
  }
}
