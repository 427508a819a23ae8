import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from 'src/config/app-config';
import { DomainException } from 'src/common/errors/domain.exception';

/** How long a report waits for one of the pool's connections before answering REPORT_BUSY. */
const CONNECT_WAIT_MS = 5_000;

/**
 * The connection pool heavy reports run on: its own small `max` (REPORTS_POOL_SIZE) and its own statement timeout
 * (REPORTS_STATEMENT_TIMEOUT_MS), so a burst of report requests queues here instead of taking the API's connections,
 * and a runaway query is cancelled by PostgreSQL. A cancelled statement becomes REPORT_TIMEOUT, a full pool
 * REPORT_BUSY (both 503 problem+json), never a 500.
 */
@Injectable()
export class ReportPool implements OnModuleDestroy {
  private readonly pool: Pool;

  constructor(dataSource: DataSource, config: AppConfig) {
    // The API's database URL (resolved at boot, embedded mode included) with the reports' own limits.
    const url = (dataSource.options as { url?: string }).url ?? config.database.url;
    this.pool = new Pool({
      connectionString: url,
      max: config.database.reportsPoolSize,
      statement_timeout: config.database.reportsStatementTimeoutMs,
      idle_in_transaction_session_timeout: 60_000,
      connectionTimeoutMillis: CONNECT_WAIT_MS,
      idleTimeoutMillis: 30_000,
      application_name: `an-sinh-${config.app.role}-reports`,
      // JIT compilation is planned for these statements by their row estimates and cost seconds to compile; measured
      // on the 2M-dossier bench, one Decision 766 statement took 6–9 s with it and 0.2 s without.
      options: '-c jit=off',
    });
    // An idle client's connection dropping (server restart) must not crash the process.
    this.pool.on('error', () => undefined);
  }

  async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    try {
      const result = await this.pool.query(sql, params);
      return result.rows as T[];
    } catch (error) {
      throw reportError(error);
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.end();
  }
}

/** Maps the two expected failures of a heavy report to stable codes; anything else is rethrown unchanged. */
export function reportError(error: unknown): unknown {
  const e = error as { code?: string; message?: string };
  if (e.code === '57014')
    return new DomainException(
      'REPORT_TIMEOUT',
      'The report took longer than the reports statement timeout; ask for an official period or a narrower scope',
    );
  if (typeof e.message === 'string' && /timeout exceeded when trying to connect/i.test(e.message))
    return new DomainException('REPORT_BUSY', 'All report connections are busy; try again shortly');
  return error;
}
