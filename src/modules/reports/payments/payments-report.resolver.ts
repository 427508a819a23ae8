import { Args, Query, Resolver } from '@nestjs/graphql';
import { Roles, Scopes } from 'src/common/auth/auth.decorators';
import { toChart } from 'src/modules/reports/common/report-table';
import { CoverageDrillDownArgs, PaidArgs, PaidDrillDownArgs } from 'src/modules/reports/payments/payments-report.dto';
import { coverageTable, paidTable } from 'src/modules/reports/payments/payments-report.export';
import {
  AccountCoverageReportObject,
  CoveragePersonPageObject,
  PaidPersonPageObject,
  PaidReportObject,
} from 'src/modules/reports/payments/payments-report.object';
import { toGraphPage } from 'src/modules/reports/registries/registries-report.object';
import { PaymentsReportService } from 'src/modules/reports/payments/payments-report.service';
import { ProcessingReportService } from 'src/modules/reports/processing/processing-report.service';
import { StatusReportQuery } from 'src/modules/reports/registries/registries-report.dto';

/** GraphQL over the cashless-payment reports; the same figures, drill-downs and chart data as REST. */
@Resolver()
@Roles('ADMIN', 'LEADER', 'REPORT_VIEWER', 'AUDITOR')
@Scopes('reports:read')
export class PaymentsReportResolver {
  constructor(
    private readonly reports: PaymentsReportService,
    private readonly periods: ProcessingReportService,
  ) {}

  @Query(() => AccountCoverageReportObject, { description: 'Accounts opened over people eligible per group and unit' })
  async accountCoverageReport(@Args() q: StatusReportQuery): Promise<AccountCoverageReportObject> {
    const report = await this.reports.coverage(q);
    return { ...report, chart: toChart(coverageTable(report)) };
  }

  @Query(() => CoveragePersonPageObject, { description: 'The people behind one coverage figure' })
  async accountCoverageReportPeople(
    @Args() q: CoverageDrillDownArgs): Promise<CoveragePersonPageObject> {
    return toGraphPage(await this.reports.coveragePeople(q, { limit: q.first, cursor: q.after }));
  }

  @Query(() => PaidReportObject, { description: 'People paid through accounts and amounts in a period, per unit' })
  async paidThroughAccountsReport(@Args() q: PaidArgs): Promise<PaidReportObject> {
    const report = await this.reports.paidThroughAccounts({
      period: this.periods.resolvePeriod({ from: q.from, to: q.to }),
      unitCode: q.unitCode,
      unitEra: q.unitEra,
    });
    return { ...report, chart: toChart(paidTable(report)) };
  }

  @Query(() => PaidPersonPageObject, { description: 'The people paid through accounts in a period' })
  async paidThroughAccountsReportPeople(@Args() q: PaidDrillDownArgs): Promise<PaidPersonPageObject> {
    return toGraphPage(await this.reports.paidPeople(
      { ...q, period: this.periods.resolvePeriod({ from: q.from, to: q.to }) },
      { limit: q.first, cursor: q.after },
    ));
  }
}
