import { Injectable } from '@nestjs/common';
import type { ReportTable } from 'src/modules/reports/common/report-table';
import { digitisationTable } from 'src/modules/reports/digitisation/digitisation-report.export';
import { DigitisationReportService } from 'src/modules/reports/digitisation/digitisation-report.service';
import { ProvinceReportProducer } from 'src/modules/reports/scheduled/province-report-producer';
import { ScheduledReportProducers } from 'src/modules/reports/scheduled/scheduled-report-producer';
import type { OfficialPeriod } from 'src/modules/reports/scheduled/scheduled-periods';

/** Digitised results of decided dossiers and archive progress, monthly and six-monthly, province-wide. */
@Injectable()
export class DigitisationReportProducer extends ProvinceReportProducer {
  readonly key = 'digitisation';
  readonly fileStem = 'so-hoa';

  constructor(
    producers: ScheduledReportProducers,
    private readonly reports: DigitisationReportService,
  ) {
    super(producers);
  }

  async table(period: OfficialPeriod): Promise<ReportTable> {
    return digitisationTable(await this.reports.report({ from: period.from, to: period.to }));
  }
}
