import type { Readable } from 'node:stream';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from 'src/common/context/request-context';
import { DomainException } from 'src/common/errors/domain.exception';
import { AppConfig } from 'src/config/app-config';
import { BUSINESS_UTC_OFFSET_MINUTES } from 'src/config/business-time';
import { AccountCipher } from 'src/modules/benefits/accounts/account-cipher';
import { AuditService } from 'src/modules/audit/audit.service';
import { LegacyDossierRecordsService } from 'src/modules/dossiers/legacy/legacy-dossier-records.service';
import { errorReport, type SheetFormat } from 'src/modules/imports/export/import-reports';
import { targetTemplate } from 'src/modules/imports/export/import-templates';
import type { ImportJobRow } from 'src/modules/imports/pipeline/import-job.model';
import { receiveImportFile } from 'src/modules/imports/pipeline/import-intake';
import { ImportPipeline } from 'src/modules/imports/pipeline/import-pipeline';
import type { ImportTargetDefinition } from 'src/modules/imports/targets/import-target-definition';
import { importTarget, type ImportTarget } from 'src/modules/imports/targets/import-targets';
import { PovertyStandardsService } from 'src/modules/registry/statuses/poverty-standards.service';
import { AccessScopeService, scopeParam } from 'src/modules/organisation/units/access-scope.service';
import { JobHandlerRegistry } from 'src/queue/job-handler.registry';
import { QueueService } from 'src/queue/queue.service';

/**
 * Imports as the API sees them: upload (then the dry run starts by itself), read with progress, commit, cancel,
 * error report, templates. The heavy work runs in the `imports` queue (ImportPipeline).
 */
@Injectable()
export class ImportsService implements OnModuleInit {
  readonly pipeline: ImportPipeline;
  private readonly logger = new Logger('Imports');

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly queues: QueueService,
    private readonly handlers: JobHandlerRegistry,
    private readonly scopes: AccessScopeService,
    private readonly audit: AuditService,
    standards: PovertyStandardsService,
    accountCipher: AccountCipher,
    legacyDossiers: LegacyDossierRecordsService,
  ) {
    this.pipeline = new ImportPipeline(dataSource, {
      storageDir: config.storage.dir,
      xlsxMaxEntries: config.imports.xlsxMaxEntries,
      xlsxMaxUncompressedBytes: config.imports.xlsxMaxUncompressedBytes,
      chunkGroups: config.imports.chunkGroups,
      povertyStandards: () => standards.standards(),
      accountSealer: accountCipher,
      services: { legacyDossiers },
    });
  }

  onModuleInit(): void {
    this.handlers.register('imports.validate', (p) => this.pipeline.validate(p.importId));
    this.handlers.register('imports.commit', async (p) => {
      await this.pipeline.commit(p.importId, p.actor);
      const job = await this.pipeline.load(p.importId);
      if (job?.state === 'COMMITTED') {
        await this.audit.record({
          action: 'IMPORT_COMMIT',
          entityType: 'import',
          entityId: p.importId,
          after: { target: job.target, create: job.count_create, update: job.count_update, rows: job.total_rows },
        });
      }
    });
  }

  async upload(actor: Actor, target: ImportTarget, fileName: string, body: Readable): Promise<ImportJobRow> {
    assertRole(actor, importTarget(target));
    const scope = await this.scopes.unitScope(actor);
    const today = new Date(Date.now() + BUSINESS_UTC_OFFSET_MINUTES * 60_000).toISOString().slice(0, 10);
    const id = await receiveImportFile(this.dataSource, this.config.storage.dir, this.config.imports.maxFileBytes, {
      target,
      fileName,
      body,
      createdBy: actor.name,
      memberFrom: today,
      scopeUnitIds: scopeParam(scope),
    });
    // the file is safely stored: a queue hiccup must not lose it; POST /imports/{id}/validate starts the dry run again
    await this.startValidation(id).catch((error: unknown) => {
      if (!(error instanceof DomainException)) throw error;
      this.logger.warn({ importId: id }, 'dry run not enqueued; the officer can start it again');
    });
    return this.get(actor, id);
  }

  /** (Re)starts the dry run of an uploaded import (idempotent job id). */
  async validate(actor: Actor, id: string): Promise<ImportJobRow> {
    const job = await this.get(actor, id);
    if (job.state !== 'UPLOADED' && job.state !== 'VALIDATING')
      throw new DomainException('IMPORT_ILLEGAL_STATE', `The import is ${job.state}; only an uploaded import is validated`);
    await this.startValidation(id);
    return this.get(actor, id);
  }

  private async startValidation(id: string): Promise<void> {
    await this.queues.add('imports.validate', { importId: id }, { jobId: `import-validate-${id}` });
  }

  async get(actor: Actor, id: string): Promise<ImportJobRow> {
    const job = await this.pipeline.load(id);
    if (!job || (job.created_by !== actor.name && !actor.roles.includes('ADMIN')))
      throw new DomainException('IMPORT_NOT_FOUND');
    return job;
  }

  async commit(actor: Actor, id: string): Promise<ImportJobRow> {
    const job = await this.get(actor, id);
    assertRole(actor, importTarget(job.target));
    if (job.state !== 'VALIDATED' && job.state !== 'COMMITTING')
      throw new DomainException('IMPORT_ILLEGAL_STATE', `The import is ${job.state}; only a validated import commits`);
    await this.queues.add(
      'imports.commit',
      { importId: id, actor: actor.name },
      { jobId: `import-commit-${id}` },
    );
    return this.get(actor, id);
  }

  /** Stops at the next chunk boundary: committed chunks stay, each of them complete (households are never split). */
  async cancel(actor: Actor, id: string): Promise<ImportJobRow> {
    await this.get(actor, id);
    const rows = await this.dataSource.query<Array<{ id: string }>>(
      `update import_jobs set cancel_requested = true, updated_at = now(),
              state = case when state in ('UPLOADED', 'VALIDATED') then 'CANCELLED' else state end,
              finished_at = case when state in ('UPLOADED', 'VALIDATED') then now() else finished_at end
        where id = $1 and state in ('UPLOADED', 'VALIDATING', 'VALIDATED', 'COMMITTING') returning id`,
      [id],
    );
    if (rows.length === 0) throw new DomainException('IMPORT_ILLEGAL_STATE', 'The import has already finished');
    return this.get(actor, id);
  }

  async errors(actor: Actor, id: string, format: SheetFormat): Promise<Readable> {
    await this.get(actor, id);
    return errorReport(this.dataSource, id, format);
  }

  template(target: string, format: SheetFormat): Promise<Buffer> {
    return targetTemplate(importTarget(target), format);
  }
}

/** A staff user needs one of the target's roles; API keys are governed by their scopes (checked by the guard). */
function assertRole(actor: Actor, target: ImportTargetDefinition): void {
  if (actor.kind !== 'user') return;
  if (!target.roles.some((r) => actor.roles.includes(r)))
    throw new DomainException('FORBIDDEN', `Importing ${target.code} needs one of the roles ${target.roles.join(', ')}`);
}
