import { Injectable } from '@nestjs/common';
import type { PeriodKind } from 'src/modules/reports/domain/reporting-period';
import type { ReportTable } from 'src/modules/reports/common/report-table';
import type { OfficialPeriod } from 'src/modules/reports/scheduled/scheduled-periods';

/** Who a scheduled file is for: the whole province, or one agency (its handling agency's figures). */
export interface ReportScope {
  kind: 'PROVINCE' | 'AGENCY';
  /** 'PROVINCE' or the agency code; unique per report and period. */
  key: string;
  agencyId: string | null;
  /** The agency's unit (decides who may read the file); null for the province. */
  unitId: string | null;
  /** Shown under the title. */
  name: string;
}

export const PROVINCE_SCOPE: ReportScope = {
  kind: 'PROVINCE',
  key: 'PROVINCE',
  agencyId: null,
  unitId: null,
  name: 'Toàn tỉnh',
};

/**
 * A report the daily report-files job produces. To add one: implement this in your report's folder, register it
 * with `ScheduledReportProducers.register(this)` in `onModuleInit`, and list it in ReportsModule's providers. The job
 * takes each producer's period kinds, finds the latest closed period of each (the cut-off rule of
 * seed-data/reporting-rules.json), asks for the scopes and, for every (period, scope) without its files yet, renders
 * `table()` to XLSX and CSV (report-table helpers) and keeps them. `table()` runs as the system actor: narrow it to
 * the scope yourself (e.g. by the scope's agency).
 */
export interface ScheduledReportProducer {
  /** Stable key ('dossier-processing'): report_files.report_key, ^[a-z][a-z0-9-]{1,39}$. */
  readonly key: string;
  /** File name stem ('bieu-II.06a'); the period and scope are appended. */
  readonly fileStem: string;
  readonly periodKinds: readonly PeriodKind[];
  scopes(period: OfficialPeriod): Promise<ReportScope[]>;
  table(period: OfficialPeriod, scope: ReportScope): Promise<ReportTable>;
}

/** The producers the report-files job runs, in registration order. */
@Injectable()
export class ScheduledReportProducers {
  private readonly producers = new Map<string, ScheduledReportProducer>();

  register(producer: ScheduledReportProducer): void {
    if (!/^[a-z][a-z0-9-]{1,39}$/.test(producer.key)) throw new Error(`Invalid report key ${producer.key}`);
    if (this.producers.has(producer.key))
      throw new Error(`Report producer ${producer.key} is already registered`);
    this.producers.set(producer.key, producer);
  }

  all(): ScheduledReportProducer[] {
    return [...this.producers.values()];
  }
}
