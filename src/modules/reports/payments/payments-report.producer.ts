import { Injectable } from '@nestjs/common';
import type { ReportTable } from 'src/modules/reports/common/report-table';
import { coverageTable, paidTable } from 'src/modules/reports/payments/payments-report.export';
import { PaymentsReportService } from 'src/modules/reports/payments/payments-report.service';
import { ProvinceReportProducer } from 'src/modules/reports/scheduled/province-report-producer';
import { ScheduledReportProducers } from 'src/modules/reports/scheduled/scheduled-report-producer';
import type { OfficialPeriod } from 'src/modules/reports/scheduled/scheduled-periods';

/** People paid through accounts and amounts, monthly and six-monthly, province-wide (rows per unit). */
@Injectable()
export class PaidThroughAccountsProducer extends ProvinceReportProducer {
  readonly key = 'paid-through-accounts';
  readonly fileStem = 'chi-tra-qua-tai-khoan';

  constructor(
    producers: ScheduledReportProducers,
    private readonly reports: PaymentsReportService,
  ) {
    super(producers);
  }

  async table(period: OfficialPeriod): Promise<ReportTable> {
    return paidTable(await this.reports.paidThroughAccounts({ period: { from: period.from, to: period.to } }));
  }
}

/** Accounts over eligible on the last day of each month and half-year, province-wide (rows per unit). */
@Injectable()
export class AccountCoverageProducer extends ProvinceReportProducer {
  readonly key = 'account-coverage';
  readonly fileStem = 'tai-khoan-chi-tra';

  constructor(
    producers: ScheduledReportProducers,
    private readonly reports: PaymentsReportService,
  ) {
    super(producers);
  }

  async table(period: OfficialPeriod): Promise<ReportTable> {
    return coverageTable(await this.reports.coverage({ date: period.to }));
  }
}
