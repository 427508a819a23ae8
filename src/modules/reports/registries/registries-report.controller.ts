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
  PovertyDrillDownQuery,
  PovertyReportQuery,
  StatusDrillDownQuery,
  StatusReportQuery,
} from 'src/modules/reports/registries/registries-report.dto';
import { povertyTable, statusTable } from 'src/modules/reports/registries/registries-report.export';
import {
  RegistriesReportService,
  type PovertyHouseholdRow,
  type PovertyReport,
  type StatusPersonRow,
  type StatusReport,
} from 'src/modules/reports/registries/registries-report.service';
import type { StatusReportKind } from 'src/modules/reports/registries/status-report.sql';
import { CsvDownload, XlsxDownload } from 'src/modules/reports/common/report-download.decorators';

export const POVERTY_DEFINITIONS =
  "Households by listed poverty class (the registry's decision-backed statuses: POOR, NEAR_POOR, " +
  'AVERAGE_LIVING_STANDARD) on 31 December of the previous year and of the year, per unit of the household. Entries: ' +
  'in the class at the end of the year and not at the end of the previous one (newly listed, or from another class); ' +
  'exits: in it at the end of the previous year and not at the end of the year. current − previous = entries − exits. ' +
  'Rows are in the era in force on 31 December of the year (or the asked unit’s era); approximate marks rows that got ' +
  'records through a PARTIAL (or new → old) succession link.';

export const STATUS_DEFINITIONS =
  'People holding the status on the date (registry status periods [valid_from, valid_to)), per unit of residence. ' +
  'Meritorious: people by their category; relatives counted under the category of their meritorious person. Social ' +
  "protection: subjects by the registry's group (band codes) and social pensioners as SOCIAL_PENSION. Each figure " +
  'counts distinct people; the total counts a person in two categories once.';

/** Registry reports (issue 11): poverty flows per year; meritorious people and social-protection subjects on a date. */
@ApiTags('reports')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('reports/registries')
@Roles('ADMIN', 'LEADER', 'REPORT_VIEWER', 'AUDITOR')
@Scopes('reports:read')
export class RegistriesReportController {
  constructor(private readonly reports: RegistriesReportService) {}

  @Get('poverty')
  @ApiOperation({ summary: 'Households by poverty class per unit and year, with entries and exits', description: POVERTY_DEFINITIONS })
  @ApiOkResponse({ description: 'Lines per unit and class, totals per class' })
  poverty(@Query() q: PovertyReportQuery): Promise<PovertyReport> {
    return this.reports.poverty(q);
  }

  @Get('poverty/households')
  @ApiOperation({ summary: 'The households behind one poverty figure (drill-down), paged by household code; head CCCD masked' })
  povertyHouseholds(@Query() q: PovertyDrillDownQuery): Promise<Page<PovertyHouseholdRow>> {
    const { limit, cursor, ...input } = q;
    return this.reports.povertyHouseholds(input, { limit, cursor });
  }

  @XlsxDownload('poverty/xlsx', 'ho-ngheo.xlsx', 'Poverty report as a spreadsheet (Vietnamese headings, grouped by class)')
  async povertyXlsx(@Query() q: PovertyReportQuery): Promise<StreamableFile> {
    return new StreamableFile(await toXlsx(povertyTable(await this.reports.poverty(q))));
  }

  @CsvDownload('poverty/csv', 'ho-ngheo.csv', 'Poverty report as CSV (UTF-8 with BOM, Vietnamese headings)')
  async povertyCsv(@Query() q: PovertyReportQuery): Promise<string> {
    return toCsv(povertyTable(await this.reports.poverty(q)));
  }

  @Get('poverty/chart')
  @ApiOperation({ summary: 'Poverty report as chart-ready JSON (one label per unit, one series per column)' })
  async povertyChart(@Query() q: PovertyReportQuery): Promise<ChartData> {
    return toChart(povertyTable(await this.reports.poverty(q)));
  }

  @Get('meritorious')
  @ApiOperation({ summary: 'Meritorious people and relatives by category and unit on a date', description: STATUS_DEFINITIONS })
  meritorious(@Query() q: StatusReportQuery): Promise<StatusReport> {
    return this.reports.statuses({ ...q, kind: 'MERIT' });
  }

  @Get('meritorious/people')
  @ApiOperation({ summary: 'The people behind one meritorious figure (drill-down), one row per person; CCCD masked' })
  meritoriousPeople(@Query() q: StatusDrillDownQuery): Promise<Page<StatusPersonRow>> {
    return this.people('MERIT', q);
  }

  @XlsxDownload('meritorious/xlsx', 'nguoi-co-cong.xlsx', 'Meritorious people report as a spreadsheet (Vietnamese headings)')
  async meritoriousXlsx(@Query() q: StatusReportQuery): Promise<StreamableFile> {
    return new StreamableFile(await toXlsx(await this.table('MERIT', q)));
  }

  @CsvDownload('meritorious/csv', 'nguoi-co-cong.csv', 'Meritorious people report as CSV')
  async meritoriousCsv(@Query() q: StatusReportQuery): Promise<string> {
    return toCsv(await this.table('MERIT', q));
  }

  @Get('meritorious/chart')
  @ApiOperation({ summary: 'Meritorious people report as chart-ready JSON' })
  async meritoriousChart(@Query() q: StatusReportQuery): Promise<ChartData> {
    return toChart(await this.table('MERIT', q));
  }

  @Get('social-protection')
  @ApiOperation({ summary: 'Social-protection subjects by group and unit on a date', description: STATUS_DEFINITIONS })
  socialProtection(@Query() q: StatusReportQuery): Promise<StatusReport> {
    return this.reports.statuses({ ...q, kind: 'SOCIAL_PROTECTION' });
  }

  @Get('social-protection/people')
  @ApiOperation({ summary: 'The people behind one social-protection figure (drill-down); CCCD masked' })
  socialProtectionPeople(@Query() q: StatusDrillDownQuery): Promise<Page<StatusPersonRow>> {
    return this.people('SOCIAL_PROTECTION', q);
  }

  @XlsxDownload('social-protection/xlsx', 'bao-tro-xa-hoi.xlsx', 'Social-protection report as a spreadsheet (Vietnamese headings)')
  async socialProtectionXlsx(@Query() q: StatusReportQuery): Promise<StreamableFile> {
    return new StreamableFile(await toXlsx(await this.table('SOCIAL_PROTECTION', q)));
  }

  @CsvDownload('social-protection/csv', 'bao-tro-xa-hoi.csv', 'Social-protection report as CSV')
  async socialProtectionCsv(@Query() q: StatusReportQuery): Promise<string> {
    return toCsv(await this.table('SOCIAL_PROTECTION', q));
  }

  @Get('social-protection/chart')
  @ApiOperation({ summary: 'Social-protection report as chart-ready JSON' })
  async socialProtectionChart(@Query() q: StatusReportQuery): Promise<ChartData> {
    return toChart(await this.table('SOCIAL_PROTECTION', q));
  }

  private async table(kind: StatusReportKind, q: StatusReportQuery) {
    return statusTable(await this.reports.statuses({ ...q, kind }));
  }

  private people(kind: StatusReportKind, q: StatusDrillDownQuery): Promise<Page<StatusPersonRow>> {
    const { limit, cursor, ...input } = q;
    return this.reports.statusPeople({ ...input, kind }, { limit, cursor });
  }
}
