import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { processingTable } from 'src/modules/reports/processing/processing-report.export';
import { NO_FILTERS } from 'src/modules/reports/processing/processing-report.filters';
import { ProcessingReportService } from 'src/modules/reports/processing/processing-report.service';
import {
  PROVINCE_SCOPE,
  ScheduledReportProducers,
  type ReportScope,
  type ScheduledReportProducer,
} from 'src/modules/reports/scheduled/scheduled-report-producer';
import type { ReportTable } from 'src/modules/reports/common/report-table';
import type { OfficialPeriod } from 'src/modules/reports/scheduled/scheduled-periods';

/**
 * Form II.06a, monthly and six-monthly, for the province and for each agency that handled a dossier counted in the
 * period (received by its last day and not ended before its first day); an agency without any gets no file.
 */
@Injectable()
export class ProcessingReportProducer implements ScheduledReportProducer, OnModuleInit {
  readonly key = 'dossier-processing';
  readonly fileStem = 'bieu-II.06a';
  readonly periodKinds = ['MONTH', 'HALF_YEAR'] as const;

  constructor(
    private readonly producers: ScheduledReportProducers,
    private readonly reports: ProcessingReportService,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.producers.register(this);
  }

  async scopes(period: OfficialPeriod): Promise<ReportScope[]> {
    const agencies = await this.dataSource.query<
      Array<{ id: string; code: string; name: string; unit_id: string }>
    >(
      `select a.id, a.code, a.name, a.unit_id from agencies a
        where exists (
          select 1 from dossiers d
           where d.handling_agency_id = a.id and d.counting_start is not null and d.counting_start <= $2
             and (d.resolved_at is null or d.resolved_at >= ($1::date - 1)::timestamptz))
        order by a.code`,
      [period.from, period.to],
    );
    return [
      PROVINCE_SCOPE,
      ...agencies.map((a) => ({
        kind: 'AGENCY' as const,
        key: a.code,
        agencyId: a.id,
        unitId: a.unit_id,
        name: a.name,
      })),
    ];
  }

  async table(period: OfficialPeriod, scope: ReportScope): Promise<ReportTable> {
    const report = await this.reports.report(
      { from: period.from, to: period.to },
      { ...NO_FILTERS, agencyId: scope.agencyId },
    );
    const filters =
      scope.kind === 'PROVINCE'
        ? [{ label: 'Phạm vi', value: scope.name }]
        : [{ label: 'Cơ quan', value: `${scope.name} (${scope.key})` }];
    return processingTable(report, filters);
  }
}
