import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from 'src/modules/audit/audit.service';
import type { AdminUnitFiles } from 'src/modules/organisation/units/admin-units-csv';
import { loadAdminUnits, type AdminUnitImportResult } from 'src/modules/organisation/units/admin-units-loader';
import { AccessScopeService } from 'src/modules/organisation/units/access-scope.service';

/** Imports the administrative-unit lists in one transaction (set-based statements), audited. */
@Injectable()
export class AdminUnitsImportService {
  private readonly logger = new Logger('AdminUnitsImport');

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly scopes: AccessScopeService,
  ) {}

  async import(files: AdminUnitFiles): Promise<AdminUnitImportResult> {
    const started = Date.now();
    const result = await this.dataSource.transaction(async (manager) => {
      await manager.query(`set local statement_timeout = '120s'`);
      const loaded = await loadAdminUnits((sql, params) => manager.query(sql, params), files);
      await this.audit.record(
        { action: 'IMPORT', entityType: 'admin_units', after: { ...loaded } },
        manager,
      );
      return loaded;
    });
    this.scopes.invalidate();
    this.logger.log(`Admin units imported in ${Date.now() - started} ms: ${JSON.stringify(result)}`);
    return result;
  }
}
