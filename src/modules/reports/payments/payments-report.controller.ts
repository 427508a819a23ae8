import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { Roles, Scopes } from 'src/common/auth/auth.decorators';
import type { Page } from 'src/common/pagination/pagination';
import { toChart, toCsv, toXlsx, type ChartData } from 'src/modules/reports/common/report-table';
import {
  CoverageDrillDownQuery,
  CoverageQuery,
  PaidDrillDownQuery,
  PaidQuery,
} from 'src/modules/reports/payments/payments-report.dto';
import { coverageTable, paidTable } from 'src/modules/reports/payments/payments-report.export';
import {
  PaymentsReportService,
  type AccountCoverageReport,
  type CoveragePersonRow,
  type PaidPersonRow,
  type PaidThroughAccountsReport,
} from 'src/modules/reports/payments/payments-report.service';
import { periodOf } from 'src/modules/reports/processing/processing-report.dto';
import { ProcessingReportService } from 'src/modules/reports/processing/processing-report.service';
import { CsvDownload, XlsxDownload } from 'src/modules/reports/common/report-download.decorators';

export const COVERAGE_DEFINITIONS =
  'Project 06 coverage on a date, as the benefits module counts it: people needing a payment account per group ' +
  '(members of POOR/NEAR_POOR households; meritorious people and relatives; social-protection subjects and social ' +
  'pensioners) and those with an ACTIVE BANK account; share in basis points rounded half-up (Nghệ An 219,846 / ' +
  '294,015 = 74.77%, where the published report says 74.78%). The total counts a person in two groups once, so the ' +
  'groups may sum to more. Units are succession-aware.';

export const PAID_DEFINITIONS =
  'People paid through accounts and amounts: payment lines PAID by BANK transfer in the monthly cycles whose month ' +
  'starts inside the period (so each month belongs to exactly one official 15th–14th period), per unit of the cycle; ' +
  'cumulative: every cycle up to the end of the period. Amounts in VND.';

/** Cashless-payment reports (issue 11): accounts over eligible on a date, paid through accounts in a period. */
@ApiTags('reports')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('reports/payments')
@Roles('ADMIN', 'LEADER', 'REPORT_VIEWER', 'AUDITOR')
@Scopes('reports:read')
export class PaymentsReportController {
  constructor(
    private readonly reports: PaymentsReportService,
    private readonly periods: ProcessingReportService,
  ) {}

  @Get('account-coverage')
  @ApiOperation({ summary: 'Accounts opened over people eligible, per group and unit on a date', description: COVERAGE_DEFINITIONS })
  @ApiOkResponse({ description: 'Lines per unit and group, per unit, per group and the distinct total' })
  coverage(@Query() q: CoverageQuery): Promise<AccountCoverageReport> {
    return this.reports.coverage(q);
  }

  @Get('account-coverage/people')
  @ApiOperation({ summary: 'The people behind one coverage figure (drill-down), one row per person; CCCD masked' })
  coveragePeople(@Query() q: CoverageDrillDownQuery): Promise<Page<CoveragePersonRow>> {
    const { limit, cursor, ...input } = q;
    return this.reports.coveragePeople(input, { limit, cursor });
  }

  @XlsxDownload('account-coverage/xlsx', 'tai-khoan-chi-tra.xlsx', 'Coverage as a spreadsheet (Vietnamese headings, grouped by group)')
  async coverageXlsx(@Query() q: CoverageQuery): Promise<StreamableFile> {
    return new StreamableFile(await toXlsx(coverageTable(await this.reports.coverage(q))));
  }

  @CsvDownload('account-coverage/csv', 'tai-khoan-chi-tra.csv', 'Coverage as CSV (UTF-8 with BOM)')
  async coverageCsv(@Query() q: CoverageQuery): Promise<string> {
    return toCsv(coverageTable(await this.reports.coverage(q)));
  }

  @Get('account-coverage/chart')
  @ApiOperation({ summary: 'Coverage as chart-ready JSON' })
  async coverageChart(@Query() q: CoverageQuery): Promise<ChartData> {
    return toChart(coverageTable(await this.reports.coverage(q)));
  }

  @Get('paid-through-accounts')
  @ApiOperation({ summary: 'People paid through accounts and amounts in a period, per unit', description: PAID_DEFINITIONS })
  paid(@Query() q: PaidQuery): Promise<PaidThroughAccountsReport> {
    return this.paidReport(q);
  }

  @Get('paid-through-accounts/people')
  @ApiOperation({ summary: 'The people paid through accounts in the period (drill-down), with their amounts' })
  paidPeople(@Query() q: PaidDrillDownQuery): Promise<Page<PaidPersonRow>> {
    const { limit, cursor, unitCode, unitEra, reportUnitId } = q;
    return this.reports.paidPeople(
      { period: this.periods.resolvePeriod(periodOf(q)), unitCode, unitEra, reportUnitId },
      { limit, cursor },
    );
  }

  @XlsxDownload('paid-through-accounts/xlsx', 'chi-tra-qua-tai-khoan.xlsx', 'Paid through accounts as a spreadsheet (Vietnamese headings)')
  async paidXlsx(@Query() q: PaidQuery): Promise<StreamableFile> {
    return new StreamableFile(await toXlsx(paidTable(await this.paidReport(q))));
  }

  @CsvDownload('paid-through-accounts/csv', 'chi-tra-qua-tai-khoan.csv', 'Paid through accounts as CSV')
  async paidCsv(@Query() q: PaidQuery): Promise<string> {
    return toCsv(paidTable(await this.paidReport(q)));
  }

  @Get('paid-through-accounts/chart')
  @ApiOperation({ summary: 'Paid through accounts as chart-ready JSON' })
  async paidChart(@Query() q: PaidQuery): Promise<ChartData> {
    return toChart(paidTable(await this.paidReport(q)));
  }

  private paidReport(q: PaidQuery): Promise<PaidThroughAccountsReport> {
    return this.reports.paidThroughAccounts({
      period: this.periods.resolvePeriod(periodOf(q)),
      unitCode: q.unitCode,
      unitEra: q.unitEra,
    });
  }
}
