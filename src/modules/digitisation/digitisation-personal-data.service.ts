import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainException } from 'src/common/errors/domain.exception';
import { AuditService } from 'src/modules/audit/audit.service';
import type { EntryData } from 'src/modules/digitisation/digitisation-entry';
import { ENTRY_PERSONAL_FIELDS } from 'src/modules/digitisation/digitisation-personal-data';

/** The unmasked entered data of one file: what the verifier compares with the scan and the clerk corrects. */
export interface RevealedFileData {
  fileId: string;
  /** The agreed data after double entry (null before). */
  data: EntryData | null;
  /** The clerks' current entries, oldest first. */
  entries: Array<{ clerk: string; data: EntryData; createdAt: Date }>;
}

/**
 * The one way to read the full CCCD and address a clerk typed. Each call records one VIEW_PERSONAL_DATA event
 * (entity `digitisation_file`), as the registry does for its single-person read. The caller checks the file's scope.
 */
@Injectable()
export class DigitisationPersonalDataService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async reveal(fileId: string): Promise<RevealedFileData> {
    const [file] = await this.dataSource.query<Array<{ id: string; data: EntryData | null }>>(
      `select id, data from digitisation_files where id = $1`,
      [fileId],
    );
    if (!file) throw new DomainException('DIGITISATION_FILE_NOT_FOUND');
    const entries = await this.dataSource.query<Array<{ clerk: string; data: EntryData; created_at: Date }>>(
      `select clerk, data, created_at from digitisation_entries where file_id = $1 and superseded_at is null
        order by created_at`,
      [fileId],
    );
    await this.audit.personalDataViewed('digitisation_file', fileId, [...ENTRY_PERSONAL_FIELDS]);
    return {
      fileId: file.id,
      data: file.data,
      entries: entries.map((e) => ({ clerk: e.clerk, data: e.data, createdAt: e.created_at })),
    };
  }
}
