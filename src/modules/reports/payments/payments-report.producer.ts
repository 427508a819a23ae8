import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { ReportTable } from 'src/modules/reports/common/report-table';
import { coverageTable, paidTable } from 'src/modules/reports/payments/payments-report.export';
import { PaymentsReportService } from 'src/modules/reports/payments/payments-report.service';
import {
  PROVINCE_SCOPE,
  ScheduledReportProducers,
  type ReportScope,
  type ScheduledReportProducer,
} from 'src/modules/reports/scheduled/scheduled-report-producer';
import type { OfficialPeriod } from 'src/modules/reports/scheduled/scheduled-periods';

/** People paid through accounts and amounts, monthly and six-monthly, province-wide (rows per unit). */
@Injectable()
export class PaidThroughAccountsProducer implements ScheduledReportProducer, OnModuleInit {
  readonly key = 'paid-through-accounts';
  readonly fileStem = 'chi-tra-qua-tai-khoan';
  readonly periodKinds = ['MONTH', 'HALF_YEAR'] as const;

  constructor(
    private readonly producers: ScheduledReportProducers,
    private readonly reports: PaymentsReportService,
  ) {}

  onModuleInit(): void {
    this.producers.register(this);
  }

  scopes(): Promise<ReportScope[]> {
    return Promise.resolve([PROVINCE_SCOPE]);
  }

  async table(period: OfficialPeriod): Promise<ReportTable> {
    return paidTable(await this.reports.paidThroughAccounts({ period: { from: period.from, to: period.to } }));
  }
}

/** Accounts over eligible on the last day of each month and half-year, province-wide (rows per unit). */
@Injectable()
export class AccountCoverageProducer implements ScheduledReportProducer, OnModuleInit {
  readonly key = 'account-coverage';
  readonly fileStem = 'tai-khoan-chi-tra';
  readonly periodKinds = ['MONTH', 'HALF_YEAR'] as const;

  constructor(
    private readonly producers: ScheduledReportProducers,
    private readonly reports: PaymentsReportService,
  ) {}

  onModuleInit(): void {
    this.producers.register(this);
  }

  scopes(): Promise<ReportScope[]> {
    return Promise.resolve([PROVINCE_SCOPE]);
  }

  async table(period: OfficialPeriod): Promise<ReportTable> {
    return coverageTable(await this.reports.coverage({ date: period.to }));
  }
}
