import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from 'src/modules/audit/audit.service';
import {
  DEFAULT_POVERTY_STANDARDS,
  type PovertyStandard,
} from 'src/modules/registry/domain/poverty-standards.data';
import { actorName } from 'src/modules/registry/registry.types';

/**
 * The poverty standards in force: the shipped defaults, each replaceable by a configured definition stored in
 * `registry_poverty_standards` (e.g. when the full Decree 351/2025 indicator list is published).
 */
@Injectable()
export class PovertyStandardsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async standards(): Promise<PovertyStandard[]> {
    const rows = await this.dataSource.query<Array<{ code: string; definition: PovertyStandard }>>(
      `select code, definition from registry_poverty_standards`,
    );
    const configured = new Map(rows.map((r) => [r.code, { ...r.definition, code: r.code }]));
    const merged = DEFAULT_POVERTY_STANDARDS.map((s) => configured.get(s.code) ?? s);
    for (const [code, def] of configured) if (!merged.some((s) => s.code === code)) merged.push(def);
    return merged.sort((a, b) => a.fromYear - b.fromYear);
  }

  /** Stores (replaces) a standard's definition; audited. */
  async configure(standard: PovertyStandard): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.query(
        `insert into registry_poverty_standards (code, definition, updated_by) values ($1, $2::jsonb, $3)
         on conflict (code) do update set definition = excluded.definition, updated_by = excluded.updated_by,
           updated_at = now()`,
        [standard.code, JSON.stringify(standard), actorName()],
      );
      await this.audit.record(
        {
          action: 'CONFIGURE',
          entityType: 'registry_poverty_standard',
          entityId: standard.code,
          after: { ...standard },
        },
        m,
      );
    });
  }
}
