import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from 'src/config/app-config';
import { formatDossierCode, type DossierCodeScheme } from 'src/modules/dossiers/domain/dossier-code';

/**
 * Issues dossier codes from a per-agency, per-day sequence. The increment runs in its own short autocommitted
 * statement (row-level upsert), not inside the receipt transaction: concurrent receipts never get the same number
 * and never wait for each other's transactions; a receipt that fails afterwards leaves a gap, which the rules allow.
 */
@Injectable()
export class DossierCodeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  get scheme(): DossierCodeScheme {
    return this.config.dossiers.codeScheme;
  }

  async nextSequence(agencyId: string, day: string): Promise<number> {
    const [row] = await this.dataSource.query<Array<{ last_value: number }>>(
      `insert into dossier_code_sequences (agency_id, day, last_value) values ($1, $2, 1)
       on conflict (agency_id, day) do update set last_value = dossier_code_sequences.last_value + 1
       returning last_value`,
      [agencyId, day],
    );
    return row.last_value;
  }

  /** The next code for an agency (its e-ID) on a business day 'YYYY-MM-DD'. */
  async issue(agency: { id: string; code: string }, day: string): Promise<{ code: string; scheme: DossierCodeScheme }> {
    const sequence = await this.nextSequence(agency.id, day);
    const code = formatDossierCode({
      scheme: this.scheme,
      agencyId: agency.code,
      date: day,
      sequence,
      ownerCode: this.config.dossiers.codeOwner,
    });
    return { code, scheme: this.scheme };
  }
}
