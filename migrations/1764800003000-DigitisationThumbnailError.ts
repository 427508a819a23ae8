import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A scan whose thumbnail cannot be made (corrupt or hostile PDF, unreadable image) is FAILED with the reason, so the
 * officer sees why instead of a thumbnail that never comes.
 */
export class DigitisationThumbnailError1764800003000 implements MigrationInterface {
  name = 'DigitisationThumbnailError1764800003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table digitisation_scans add column thumbnail_error text`);
    await q.query(`update digitisation_scans set thumbnail_error = 'Failed before reasons were recorded'
      where thumbnail_state = 'FAILED'`);
    await q.query(`alter table digitisation_scans
      add constraint digitisation_scans_thumbnail_error_length check (length(thumbnail_error) <= 500),
      add constraint digitisation_scans_thumbnail_error_check
        check (thumbnail_state <> 'FAILED' or thumbnail_error is not null)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table digitisation_scans drop constraint digitisation_scans_thumbnail_error_check`);
    await q.query(`alter table digitisation_scans drop column thumbnail_error`);
  }
}
