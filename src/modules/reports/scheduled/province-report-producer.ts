import type { OnModuleInit } from '@nestjs/common';
import type { ReportTable } from 'src/modules/reports/common/report-table';
import {
  PROVINCE_SCOPE,
  type ReportScope,
  type ScheduledReportProducer,
  type ScheduledReportProducers,
} from 'src/modules/reports/scheduled/scheduled-report-producer';
import type { OfficialPeriod } from 'src/modules/reports/scheduled/scheduled-periods';

/**
 * A scheduled report kept monthly and six-monthly for the whole province only (one file pair per period): the
 * subclass names the report and renders the period's table; this registers it and answers the single scope.
 */
export abstract class ProvinceReportProducer implements ScheduledReportProducer, OnModuleInit {
  abstract readonly key: string;
  abstract readonly fileStem: string;
  readonly periodKinds = ['MONTH', 'HALF_YEAR'] as const;

  protected constructor(private readonly registry: ScheduledReportProducers) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  scopes(): Promise<ReportScope[]> {
    return Promise.resolve([PROVINCE_SCOPE]);
  }

  abstract table(period: OfficialPeriod): Promise<ReportTable>;
}
