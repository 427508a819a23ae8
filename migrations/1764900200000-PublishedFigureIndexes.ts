import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the online-share, digitisation and service-index reports (issue 11): dossiers received in a period
 * (counting start), dossiers decided in a period (the decision date, or the business day of resolution, exactly as
 * the reports write it) and each dossier's result attachments (the latest one as of a period's last day).
 */
export class PublishedFigureIndexes1764900200000 implements MigrationInterface {
  name = 'PublishedFigureIndexes1764900200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`create index dossiers_counting_start_idx on dossiers (counting_start, handling_agency_id)
      where counting_start is not null`);
    await q.query(`create index dossiers_decided_on_idx on dossiers
      ((coalesce(decision_date, (resolved_at at time zone 'Asia/Ho_Chi_Minh')::date)))
      where state in ('APPROVED', 'REJECTED', 'RESULT_READY', 'RESULT_RETURNED')`);
    await q.query(`create index dossier_events_result_attached_idx on dossier_events (dossier_id, id)
      where type = 'dossier.result_attached'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop index dossier_events_result_attached_idx`);
    await q.query(`drop index dossiers_decided_on_idx`);
    await q.query(`drop index dossiers_counting_start_idx`);
  }
}
