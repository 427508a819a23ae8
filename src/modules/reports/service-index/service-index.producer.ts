import { Injectable } from '@nestjs/common';
import type { ReportTable } from 'src/modules/reports/common/report-table';
import { ProvinceReportProducer } from 'src/modules/reports/scheduled/province-report-producer';
import { ScheduledReportProducers } from 'src/modules/reports/scheduled/scheduled-report-producer';
import type { OfficialPeriod } from 'src/modules/reports/scheduled/scheduled-periods';
import { serviceIndexTable } from 'src/modules/reports/service-index/service-index.export';
import { ServiceIndexService } from 'src/modules/reports/service-index/service-index.service';

/** Decision 766 service index, one row per agency, monthly and six-monthly, in one province-wide file. */
@Injectable()
export class ServiceIndexProducer extends ProvinceReportProducer {
  readonly key = 'service-index-766';
  readonly fileStem = 'chi-so-766';

  constructor(
    producers: ScheduledReportProducers,
    private readonly reports: ServiceIndexService,
  ) {
    super(producers);
  }

  async table(period: OfficialPeriod): Promise<ReportTable> {
    return serviceIndexTable(await this.reports.report({ from: period.from, to: period.to }));
  }
}
