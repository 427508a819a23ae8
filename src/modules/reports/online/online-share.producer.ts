import { Injectable } from '@nestjs/common';
import type { ReportTable } from 'src/modules/reports/common/report-table';
import { onlineShareTable } from 'src/modules/reports/online/online-share.export';
import { OnlineShareService } from 'src/modules/reports/online/online-share.service';
import { ProvinceReportProducer } from 'src/modules/reports/scheduled/province-report-producer';
import { ScheduledReportProducers } from 'src/modules/reports/scheduled/scheduled-report-producer';
import type { OfficialPeriod } from 'src/modules/reports/scheduled/scheduled-periods';

/** Online share of dossiers received, monthly and six-monthly, province-wide. */
@Injectable()
export class OnlineShareProducer extends ProvinceReportProducer {
  readonly key = 'online-share';
  readonly fileStem = 'ty-le-ho-so-truc-tuyen';

  constructor(
    producers: ScheduledReportProducers,
    private readonly reports: OnlineShareService,
  ) {
    super(producers);
  }

  async table(period: OfficialPeriod): Promise<ReportTable> {
    return onlineShareTable(await this.reports.report({ from: period.from, to: period.to }));
  }
}
