import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiSecurity, ApiTags, IntersectionType } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { Roles, Scopes } from 'src/common/auth/auth.decorators';
import { RestPageQuery, type Page } from 'src/common/pagination/pagination';
import { toChart, toCsv, toXlsx, type ChartData } from 'src/modules/reports/common/report-table';
import { digitisationTable } from 'src/modules/reports/digitisation/digitisation-report.export';
import {
  DigitisationReportService,
  type DigitisationDrillColumn,
  type DigitisationReport,
} from 'src/modules/reports/digitisation/digitisation-report.service';
import { ARCHIVE_DRILL_FILTERS, RESULT_DRILL_FILTERS } from 'src/modules/reports/digitisation/result-digitisation.sql';
import { ReportFilterQuery } from 'src/modules/reports/filters/report-filter.dto';
import type { DrillRow } from 'src/modules/reports/filters/report-objects';
import { CsvDownload, XlsxDownload } from 'src/modules/reports/common/report-download.decorators';

export const DIGITISATION_DEFINITIONS =
  'Results: the dossiers decided in the period (approved or rejected; decision date in the period, as the ' +
  'processing report counts them; dossiers returned or withdrawn have no result). Electronic result (kết quả được ' +
  'số hóa, 766 sub-indicator 4.1) = the latest result attached up to the period\'s last day (UTC+7) is an ' +
  'electronic copy with legal value. Fully digitised (4.2) = electronic result and every document provided up to ' +
  'that day stored as a file uploaded up to that day. Shares over the decided dossiers. Archive: files of the ' +
  'digitisation projects of the units in scope (and the unit filter) registered by the last day, DONE (scanned, ' +
  'entered, verified, linked) by that day, over files registered (DigitisationStatsService.ratesByUnit). The agency ' +
  'and field filters apply to dossiers only.';

export const DIGITISATION_COLUMNS = [
  ...Object.keys(RESULT_DRILL_FILTERS),
  ...Object.keys(ARCHIVE_DRILL_FILTERS),
] as DigitisationDrillColumn[];

class DigitisationDrillColumnQuery {
  @ApiProperty({ enum: DIGITISATION_COLUMNS, description: 'The figure whose dossiers (or archive files) to list' })
  @IsIn(DIGITISATION_COLUMNS)
  column!: DigitisationDrillColumn;
}

export class DigitisationDrillQuery extends IntersectionType(
  ReportFilterQuery,
  DigitisationDrillColumnQuery,
  RestPageQuery,
) {}

@ApiTags('reports')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('reports/digitisation')
@Roles('ADMIN', 'LEADER', 'REPORT_VIEWER', 'AUDITOR')
@Scopes('reports:read')
export class DigitisationReportController {
  constructor(private readonly reports: DigitisationReportService) {}

  @Get()
  @ApiOperation({ summary: 'Share of dossiers with digitised results, and archive digitisation progress', description: DIGITISATION_DEFINITIONS })
  report(@Query() query: ReportFilterQuery): Promise<DigitisationReport> {
    return this.reports.report(query);
  }

  @Get('rows')
  @ApiOperation({ summary: 'The dossiers or archive files behind one digitisation figure (drill-down), paged by code' })
  drillDown(@Query() query: DigitisationDrillQuery): Promise<Page<DrillRow>> {
    const { column, limit, cursor, ...filter } = query;
    return this.reports.drillDown(filter, column, { limit, cursor });
  }

  @Get('chart')
  @ApiOperation({ summary: 'Chart-ready JSON of the digitisation report' })
  async chart(@Query() query: ReportFilterQuery): Promise<ChartData> {
    return toChart(digitisationTable(await this.reports.report(query)));
  }

  @XlsxDownload('xlsx', 'so-hoa.xlsx', 'The digitisation report as a spreadsheet (Vietnamese headings)')
  async xlsx(@Query() query: ReportFilterQuery): Promise<StreamableFile> {
    return new StreamableFile(await toXlsx(digitisationTable(await this.reports.report(query))));
  }

  @CsvDownload('csv', 'so-hoa.csv', 'The digitisation report as CSV (UTF-8 with BOM, Vietnamese headings)')
  async csv(@Query() query: ReportFilterQuery): Promise<string> {
    return toCsv(digitisationTable(await this.reports.report(query)));
  }
}
