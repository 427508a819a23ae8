import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { RequestContext } from 'src/common/context/request-context';
import { DomainException } from 'src/common/errors/domain.exception';
import { decodeCursor, encodeCursor, pageSize, type Page } from 'src/common/pagination/pagination';
import { FileStore, sha256 } from 'src/common/storage/file-store';
import {
  AccessScopeService,
  SYSTEM_ACTOR,
  scopeParam,
} from 'src/modules/organisation/units/access-scope.service';
import { toCsv, toXlsx, type ReportTable } from 'src/modules/reports/common/report-table';
import { ReportFilesClock } from 'src/modules/reports/scheduled/report-files-clock';
import {
  latestClosedPeriod,
  periodLabel,
  type OfficialPeriod,
} from 'src/modules/reports/scheduled/scheduled-periods';
import {
  ScheduledReportProducers,
  type ReportScope,
  type ScheduledReportProducer,
} from 'src/modules/reports/scheduled/scheduled-report-producer';
import rules from 'src/modules/reports/seed-data/reporting-rules.json';

export const REPORT_FILE_FORMATS = ['XLSX', 'CSV'] as const;
export type ReportFileFormat = (typeof REPORT_FILE_FORMATS)[number];

const CONTENT_TYPES: Record<ReportFileFormat, string> = {
  XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  CSV: 'text/csv; charset=utf-8',
};

export interface ReportFile {
  id: string;
  reportKey: string;
  periodKind: string;
  periodFrom: string;
  periodTo: string;
  scopeKind: 'PROVINCE' | 'AGENCY';
  scopeKey: string;
  format: ReportFileFormat;
  fileName: string;
  contentType: string;
  checksumSha256: string;
  sizeBytes: number;
  createdAt: string;
}

export interface ReportFileFilter {
  reportKey?: string;
  periodKind?: string;
  /** Files of periods ending on or after / on or before these dates. */
  from?: string;
  to?: string;
  scopeKey?: string;
  format?: ReportFileFormat;
}

export interface RunSummary {
  today: string;
  periods: Array<{ reportKey: string; kind: string; from: string; to: string }>;
  created: number;
  existing: number;
}

const COLUMNS = `f.id, f.report_key, f.period_kind, f.period_from::text, f.period_to::text, f.scope_kind, f.scope_key,
  f.format, f.file_name, f.content_type, f.checksum_sha256, f.size_bytes::text, f.created_at, f.storage_key`;

/**
 * Who may read a file ($1 = the caller's unit scope, null = all): an agency's file when the agency's unit is in the
 * caller's scope; a province-wide file when the caller's scope includes a province-level unit (province staff).
 */
const VISIBLE_SQL = `($1::uuid[] is null or f.unit_id = any($1::uuid[])
  or (f.scope_kind = 'PROVINCE'
      and exists (select 1 from admin_units u where u.id = any($1::uuid[]) and u.level = 'PROVINCE')))`;

interface FileRow {
  id: string;
  report_key: string;
  period_kind: string;
  period_from: string;
  period_to: string;
  scope_kind: 'PROVINCE' | 'AGENCY';
  scope_key: string;
  format: ReportFileFormat;
  file_name: string;
  content_type: string;
  checksum_sha256: string;
  size_bytes: string;
  created_at: Date;
  storage_key: string;
}

function toFile(r: FileRow): ReportFile {
  return {
    id: r.id,
    reportKey: r.report_key,
    periodKind: r.period_kind,
    periodFrom: r.period_from,
    periodTo: r.period_to,
    scopeKind: r.scope_kind,
    scopeKey: r.scope_key,
    format: r.format,
    fileName: r.file_name,
    contentType: r.content_type,
    checksumSha256: r.checksum_sha256,
    sizeBytes: Number(r.size_bytes),
    createdAt: r.created_at.toISOString(),
  };
}

/**
 * Scheduled report files: produces each registered report for the latest closed official periods (the day after a
 * cut-off, in business time) for every scope, keeps the XLSX and CSV in the file store with their sha-256, and lists
 * and serves them to callers by role and unit scope. A (report, period, scope, format) is produced once.
 */
@Injectable()
export class ReportFilesService {
  private readonly logger = new Logger('ReportFiles');

  constructor(
    private readonly dataSource: DataSource,
    private readonly producers: ScheduledReportProducers,
    private readonly scope: AccessScopeService,
    private readonly clock: ReportFilesClock,
    @Inject(FileStore) private readonly files: FileStore,
  ) {}

  /** The job: every producer, every period kind, the latest closed period; only the files not yet kept. */
  async produce(today: string = this.clock.today()): Promise<RunSummary> {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(today))
      throw new DomainException('VALIDATION_FAILED', 'date must be YYYY-MM-DD');
    const summary: RunSummary = { today, periods: [], created: 0, existing: 0 };
    await RequestContext.run({ requestId: `report-files-${randomUUID()}`, actor: SYSTEM_ACTOR }, async () => {
      for (const producer of this.producers.all()) {
        for (const kind of producer.periodKinds) {
          const period = latestClosedPeriod(kind, today, { startDay: rules.periodCutoff.startDay });
          summary.periods.push({ reportKey: producer.key, kind, from: period.from, to: period.to });
          const counts = await this.producePeriod(producer, period);
          summary.created += counts.created;
          summary.existing += counts.existing;
        }
      }
    });
    this.logger.log({ ...summary }, 'Scheduled report files produced');
    return summary;
  }

  private async producePeriod(
    producer: ScheduledReportProducer,
    period: OfficialPeriod,
  ): Promise<{ created: number; existing: number }> {
    const kept = await this.dataSource.query<Array<{ scope_key: string; format: ReportFileFormat }>>(
      `select scope_key, format from report_files
        where report_key = $1 and period_kind = $2 and period_from = $3 and period_to = $4`,
      [producer.key, period.kind, period.from, period.to],
    );
    const have = new Set(kept.map((k) => `${k.scope_key}|${k.format}`));
    let created = 0;
    let existing = 0;
    for (const scope of await producer.scopes(period)) {
      const missing = REPORT_FILE_FORMATS.filter((f) => !have.has(`${scope.key}|${f}`));
      existing += REPORT_FILE_FORMATS.length - missing.length;
      if (missing.length === 0) continue;
      const table = await producer.table(period, scope);
      for (const format of missing) if (await this.keep(producer, period, scope, format, table)) created++;
    }
    return { created, existing };
  }

  private async keep(
    producer: ScheduledReportProducer,
    period: OfficialPeriod,
    scope: ReportScope,
    format: ReportFileFormat,
    table: ReportTable,
  ): Promise<boolean> {
    const content = format === 'XLSX' ? await toXlsx(table) : Buffer.from(toCsv(table), 'utf8');
    const stored = await this.files.put('report-files', content);
    const scopePart = scope.key.replace(/[^A-Za-z0-9.-]/g, '_');
    const fileName = `${producer.fileStem}_${periodLabel(period)}_${scopePart}.${format.toLowerCase()}`;
    const inserted = await this.dataSource.query<Array<{ id: string }>>(
      `insert into report_files (report_key, period_kind, period_from, period_to, scope_kind, scope_key, agency_id,
         unit_id, format, file_name, content_type, storage_key, checksum_sha256, size_bytes)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       on conflict (report_key, period_kind, period_from, period_to, scope_key, format) do nothing
       returning id`,
      [
        producer.key,
        period.kind,
        period.from,
        period.to,
        scope.kind,
        scope.key,
        scope.agencyId,
        scope.unitId,
        format,
        fileName,
        CONTENT_TYPES[format],
        stored.key,
        stored.sha256,
        stored.sizeBytes,
      ],
    );
    if (inserted.length === 0)
      this.logger.warn(
        { key: stored.key },
        'A concurrent run kept this report file first; the copy is unused',
      );
    return inserted.length > 0;
  }

  /** Files the caller may read, newest period first (keyset: period end, id). */
  async list(filter: ReportFileFilter, page: { limit?: number; cursor?: string }): Promise<Page<ReportFile>> {
    const scope = scopeParam(await this.scope.unitScope(RequestContext.actor()));
    const limit = pageSize(page.limit);
    const after = decodeCursor(page.cursor);
    const rows = await this.dataSource.query<FileRow[]>(
      `select ${COLUMNS} from report_files f
        where ${VISIBLE_SQL}
          and ($2::text is null or f.report_key = $2) and ($3::text is null or f.period_kind = $3)
          and ($4::date is null or f.period_to >= $4) and ($5::date is null or f.period_to <= $5)
          and ($6::text is null or f.scope_key = $6) and ($7::text is null or f.format = $7)
          and ($8::date is null or (f.period_to, f.id) < ($8::date, $9::uuid))
        order by f.period_to desc, f.id desc limit $10`,
      [
        scope,
        filter.reportKey ?? null,
        filter.periodKind ?? null,
        filter.from ?? null,
        filter.to ?? null,
        filter.scopeKey ?? null,
        filter.format ?? null,
        after ? String(after.k) : null,
        after?.id ?? null,
        limit + 1,
      ],
    );
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map(toFile),
      nextCursor: rows.length > limit && last ? encodeCursor({ k: last.period_to, id: last.id }) : null,
    };
  }

  private async row(id: string): Promise<FileRow> {
    const scope = scopeParam(await this.scope.unitScope(RequestContext.actor()));
    const [row] = await this.dataSource.query<FileRow[]>(
      `select ${COLUMNS} from report_files f where f.id = $2 and ${VISIBLE_SQL}`,
      [scope, id],
    );
    // Outside the caller's scope reads as missing: the scope is part of the query, never checked after loading.
    if (!row) throw new DomainException('REPORT_FILE_NOT_FOUND');
    return row;
  }

  async get(id: string): Promise<ReportFile> {
    return toFile(await this.row(id));
  }

  /** The stored bytes, checked against the kept sha-256 before they are served. */
  async content(id: string): Promise<{ file: ReportFile; content: Buffer }> {
    const row = await this.row(id);
    const content = await this.files.get(row.storage_key);
    if (sha256(content) !== row.checksum_sha256) {
      this.logger.error({ id }, 'Report file does not match its checksum');
      throw new DomainException('REPORT_FILE_CORRUPT');
    }
    return { file: toFile(row), content };
  }
}
