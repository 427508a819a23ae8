import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { DomainException } from 'src/common/errors/domain.exception';
import { openCsv } from 'src/modules/imports/parsing/csv-source';
import { openXlsx } from 'src/modules/imports/parsing/xlsx-source';
import { CopyWriter } from 'src/modules/imports/pipeline/copy-writer';
import { IMPORT_JOB_SELECT, type ImportJobRow } from 'src/modules/imports/pipeline/import-job.model';
import {
  mapHeader,
  type AccountSealer,
  type ImportTargetDefinition,
  type RawRow,
  type TargetServices,
  type ValidationContext,
} from 'src/modules/imports/targets/import-target-definition';
import { importTarget } from 'src/modules/imports/targets/import-targets';
import { DEFAULT_POVERTY_STANDARDS, type PovertyStandard } from 'src/modules/registry/domain/poverty-standards.data';

export interface PipelineSettings {
  storageDir: string;
  xlsxMaxUncompressedBytes: number;
  xlsxMaxEntries: number;
  chunkGroups: number;
  /** The registry's poverty standards in force (PovertyStandardsService); defaults to the shipped standards. */
  povertyStandards?: () => Promise<PovertyStandard[]>;
  /** The benefits module's account cipher (payment-account imports). */
  accountSealer?: AccountSealer;
  /** Other modules' services targets call (legacy dossiers: the dossier module's recorder). */
  services?: TargetServices;
}

const ERROR_COLUMNS = ['import_id', 'row_no', 'column_name', 'value', 'code', 'message_vi', 'message_en'] as const;
const PROGRESS_EVERY = 5000;
const HEADER_SEARCH_ROWS = 10;

/** Raised inside a phase when the officer cancelled the import. */
class Cancelled extends Error {}

/**
 * The two phases of an import, each run by a BullMQ job:
 * - validate (dry run): stream-parse, normalise and validate every row, COPY rows and errors into staging, then
 *   classify set-based; writes nothing outside the import's own tables, so re-running it simply starts over;
 * - commit: merge the staged rows chunk by chunk, each chunk and its checkpoint in one transaction (serialised
 *   across imports by an advisory lock), so a worker killed at any point resumes at the first unfinished chunk.
 */
export class ImportPipeline {
  private readonly logger = new Logger('ImportPipeline');

  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: PipelineSettings,
  ) {}

  private get pool(): Pool {
    return (this.dataSource.driver as unknown as { master: Pool }).master;
  }

  async load(importId: string): Promise<ImportJobRow | undefined> {
    const [row] = await this.dataSource.query<ImportJobRow[]>(`${IMPORT_JOB_SELECT} where j.id = $1`, [importId]);
    return row;
  }

  filePath(job: Pick<ImportJobRow, 'file_key'>): string {
    return join(this.settings.storageDir, job.file_key);
  }

  async validate(importId: string): Promise<void> {
    const job = await this.load(importId);
    if (!job || !['UPLOADED', 'VALIDATING'].includes(job.state)) return;
    await this.dataSource.query(
      `update import_jobs set state = 'VALIDATING', phase_started_at = now(), rows_done = 0, total_rows = null,
              failure = null, updated_at = now() where id = $1`,
      [importId],
    );
    const target = importTarget(job.target);
    await this.dataSource.query(`delete from ${target.staging.table} where import_id = $1`, [importId]);
    await this.dataSource.query(`delete from import_row_errors where import_id = $1`, [importId]);
    try {
      const rows = await this.stage(job, target);
      await this.classify(job, target);
      await this.dataSource.query(
        `update import_jobs j set state = 'VALIDATED', validated_at = now(), updated_at = now(), total_rows = $2,
                rows_done = $2, chunk_count = c.chunks, count_create = c.creates, count_update = c.updates,
                count_unchanged = c.unchanged, count_rejected = c.rejected, households_to_create = c.households
           from (select coalesce(max(chunk_no) + 1, 0)::int as chunks,
                        count(*) filter (where action = 'CREATE')::int as creates,
                        count(*) filter (where action = 'UPDATE')::int as updates,
                        count(*) filter (where action = 'UNCHANGED')::int as unchanged,
                        count(*) filter (where action = 'REJECTED')::int as rejected,
                        (${target.householdsToCreateSql ?? '0'})::int as households
                   from ${target.staging.table} where import_id = $1) c
          where j.id = $1`,
        [importId, rows],
      );
    } catch (error) {
      if (error instanceof Cancelled) return this.markCancelled(importId);
      if (error instanceof DomainException) return this.fail(importId, error);
      // unexpected (database, disk): stay VALIDATING so that the job's retry, or POST /imports/{id}/validate,
      // starts the dry run over from the stored file
      this.logger.error({ importId, err: (error as Error).message }, 'dry run interrupted; it will be retried');
      await this.dataSource.query(
        `update import_jobs set failure = 'Interrupted; the dry run is retried', updated_at = now() where id = $1`,
        [importId],
      );
      throw error;
    }
  }

  private async stage(job: ImportJobRow, target: ImportTargetDefinition): Promise<number> {
    const path = this.filePath(job);
    let records: AsyncIterable<{ line: number; cells: string[]; numeric?: boolean[] }>;
    if (job.file_format === 'CSV') {
      const csv = await openCsv(path);
      await this.dataSource.query(`update import_jobs set encoding = $2 where id = $1`, [job.id, csv.encoding.label]);
      records = csv.records();
    } else {
      records = (
        await openXlsx(path, {
          maxEntries: this.settings.xlsxMaxEntries,
          maxUncompressedBytes: this.settings.xlsxMaxUncompressedBytes,
          maxRatio: 400,
        })
      ).records();
      await this.dataSource.query(`update import_jobs set encoding = 'XLSX (UTF-8)' where id = $1`, [job.id]);
    }
    const validateRow = await target.rowValidator(this.validationContext());
    const staging = await CopyWriter.open(this.pool, target.staging.table, [...target.staging.copyColumns, 'chunk_no']);
    const errors = await CopyWriter.open(this.pool, 'import_row_errors', ERROR_COLUMNS);
    let header: Array<string | null> | null = null;
    // commit chunks: `chunkGroups` groups (households, or lone rows) each, in file order; fixed here so that no
    // later pass rewrites an indexed column of the staging table
    let group = -1;
    let lastGroup: string | null = null;
    let seen = 0;
    let rows = 0;
    let ok = false;
    try {
      for await (const rec of records) {
        seen++;
        if (!header) {
          const mapped = mapHeader(target.columns, rec.cells);
          if (mapped.filter(Boolean).length >= 2) {
            const missing = target.requiredColumns.filter((c) => !mapped.includes(c));
            if (missing.length > 0) throw headerInvalid(target, missing);
            header = mapped;
          } else if (seen >= HEADER_SEARCH_ROWS) throw headerInvalid(target, target.requiredColumns);
          continue;
        }
        const row: RawRow = {
          importId: job.id,
          rowNo: job.file_format === 'CSV' ? seen : rec.line,
          header,
          cells: rec.cells,
          numeric: rec.numeric ?? [],
        };
        const { staged, errors: rowErrors, groupKey } = validateRow(row);
        if (groupKey === null || groupKey !== lastGroup) group++;
        lastGroup = groupKey;
        staged.push(Math.floor(group / this.settings.chunkGroups));
        await staging.write(staged);
        for (const e of rowErrors) await errors.write([job.id, e.row, e.column, e.value, e.code, e.vi, e.en]);
        rows++;
        if (rows % PROGRESS_EVERY === 0) await this.progress(job.id, rows);
      }
      if (!header) throw headerInvalid(target, target.requiredColumns);
      await staging.end();
      await errors.end();
      ok = true;
      return rows;
    } finally {
      if (!ok) {
        staging.abort();
        errors.abort();
      }
      staging.release(!ok);
      errors.release(!ok);
    }
  }

  private async progress(importId: string, rowsDone: number): Promise<void> {
    const [row] = await this.dataSource.query<Array<{ cancel_requested: boolean }>>(
      `update import_jobs set rows_done = $2, updated_at = now() where id = $1 returning cancel_requested`,
      [importId, rowsDone],
    );
    if (row?.cancel_requested) throw new Cancelled();
  }

  private validationContext(): ValidationContext {
    const q = (sql: string, params?: unknown[]): Promise<unknown> => this.dataSource.query(sql, params);
    return {
      q,
      povertyStandards: this.settings.povertyStandards ?? (() => Promise.resolve([...DEFAULT_POVERTY_STANDARDS])),
      accountSealer: this.settings.accountSealer,
    };
  }

  private async classify(job: ImportJobRow, target: ImportTargetDefinition): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await target.classify(traced((sql, params) => runner.query(sql, params)), job.id, {
        memberFrom: job.member_from,
        scopeUnitIds: job.scope_unit_ids,
      }, this.settings.services);
      await runner.commitTransaction();
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }

  /**
   * Commits chunk after chunk from the checkpoint on. Safe to call again at any time (a retried or resumed job):
   * finished chunks are skipped, and a finished import is left alone.
   */
  async commit(importId: string, actor: string): Promise<void> {
    const started = await this.dataSource.query<Array<{ id: string }>>(
      `update import_jobs set state = 'COMMITTING', phase_started_at = now(), updated_at = now(),
              rows_done = case when committed_chunk < 0 then 0 else rows_done end
        where id = $1 and state in ('VALIDATED', 'COMMITTING') returning id`,
      [importId],
    );
    if (started.length === 0) return;
    const job = (await this.load(importId)) as ImportJobRow;
    const target = importTarget(job.target);
    try {
      for (let chunk = job.committed_chunk + 1; chunk < (job.chunk_count ?? 0); chunk++) {
        const cancelled = await this.commitChunk(target, importId, chunk, actor);
        if (cancelled) return this.markCancelled(importId);
      }
      await this.dataSource.query(
        `update import_jobs set state = 'COMMITTED', finished_at = now(), updated_at = now(), rows_done = total_rows
          where id = $1 and state = 'COMMITTING'`,
        [importId],
      );
      await this.dataSource.query(`delete from ${target.staging.table} where import_id = $1`, [importId]);
    } catch (error) {
      this.logger.warn({ importId, err: (error as Error).message }, 'import commit chunk failed');
      throw error;
    }
  }

  /** One chunk and its checkpoint, atomically. Returns true when the import was cancelled before the chunk. */
  private async commitChunk(
    target: ImportTargetDefinition,
    importId: string,
    chunk: number,
    actor: string,
  ): Promise<boolean> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const q = traced((sql: string, params?: unknown[]): Promise<unknown> => runner.query(sql, params));
      await q(`set local statement_timeout = 0`);
      await q(`select pg_advisory_xact_lock(hashtext('import-commit'))`);
      const [state] = (await q(
        `select committed_chunk, cancel_requested from import_jobs where id = $1 for update`,
        [importId],
      )) as Array<{ committed_chunk: number; cancel_requested: boolean }>;
      if (state.cancel_requested) {
        await runner.rollbackTransaction();
        return true;
      }
      if (state.committed_chunk >= chunk) {
        await runner.rollbackTransaction();
        return false;
      }
      await target.mergeChunk(q, importId, chunk, actor, this.settings.services);
      await q(
        `update import_jobs set committed_chunk = $2, updated_at = now(),
                rows_done = rows_done + (select count(*)::int from ${target.staging.table}
                                          where import_id = $1 and chunk_no = $2)
          where id = $1`,
        [importId, chunk],
      );
      await runner.commitTransaction();
      return false;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }

  private async markCancelled(importId: string): Promise<void> {
    await this.dataSource.query(
      `update import_jobs set state = 'CANCELLED', finished_at = now(), updated_at = now() where id = $1`,
      [importId],
    );
  }

  private async fail(importId: string, error: DomainException): Promise<void> {
    const message = error.detail ?? error.message;
    await this.dataSource.query(
      `update import_jobs set state = 'FAILED', failure = left($2, 2000), finished_at = now(), updated_at = now()
        where id = $1`,
      [importId, message],
    );
  }
}

/** IMPORT_TRACE=1 prints each set-based statement's duration (benchmarking aid). */
function traced(q: (sql: string, params?: unknown[]) => Promise<unknown>): typeof q {
  if (!process.env.IMPORT_TRACE) return q;
  return async (sql, params) => {
    const started = performance.now();
    const result = await q(sql, params);
    process.stderr.write(`${(performance.now() - started).toFixed(0).padStart(6)} ms  ${sql.replace(/\s+/g, ' ').slice(0, 110)}\n`);
    return result;
  };
}

function headerInvalid(target: ImportTargetDefinition, missing: readonly string[]): DomainException {
  const names = missing.map((k) => target.columns.find((c) => c.key === k)?.header ?? k).join(', ');
  return new DomainException(
    'IMPORT_HEADER_INVALID',
    `Thiếu cột bắt buộc / missing required columns: ${names}. Tải mẫu tệp để xem tiêu đề đúng.`,
  );
}
