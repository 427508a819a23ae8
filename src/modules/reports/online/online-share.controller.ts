import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiSecurity, ApiTags, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { Roles, Scopes } from 'src/common/auth/auth.decorators';
import type { Page } from 'src/common/pagination/pagination';
import { RestPageQuery } from 'src/common/pagination/pagination';
import { toChart, toCsv, toXlsx, type ChartData } from 'src/modules/reports/common/report-table';
import { ReportFilterQuery } from 'src/modules/reports/filters/report-filter.dto';
import type { DrillRow } from 'src/modules/reports/filters/report-objects';
import { onlineShareTable } from 'src/modules/reports/online/online-share.export';
import { OnlineShareService, type OnlineShareReport } from 'src/modules/reports/online/online-share.service';
import { ONLINE_DRILL_FILTERS, type OnlineDrillColumn } from 'src/modules/reports/online/online-share.sql';
import { CsvDownload, XlsxDownload } from 'src/modules/reports/common/report-download.decorators';

export const ONLINE_SHARE_DEFINITIONS =
  'Received in the period = dossiers whose clock started (acceptance; postmark for post; complete online ' +
  'submission) on a day of the period, i.e. Form II.06a columns 4 + 5; carried-over dossiers are not received. ' +
  'Online share = received online ÷ received (online + direct + postal), null when nothing was received. ' +
  'Fully online (toàn trình, Decree 42/2022 art. 11) = the procedure version the dossier was received under has ' +
  'online mode FULL; per procedure: the procedures offered fully online that received dossiers in the period. ' +
  'Filters: unit (handling unit, widened by subtree and the 2025 succession), handling agency, field of the procedure.';

const ONLINE_COLUMNS = Object.keys(ONLINE_DRILL_FILTERS) as OnlineDrillColumn[];

class OnlineDrillColumnQuery {
  @ApiProperty({ enum: ONLINE_COLUMNS, description: 'The figure whose dossiers to list' })
  @IsIn(ONLINE_COLUMNS)
  column!: OnlineDrillColumn;

  @ApiPropertyOptional({ maxLength: 40, pattern: '^[0-9A-Z.-]{1,40}$', description: 'Only this procedure (per-procedure row)' })
  @IsOptional()
  @Matches(/^[0-9A-Z.-]{1,40}$/)
  procedureCode?: string;
}

export class OnlineDrillQuery extends IntersectionType(ReportFilterQuery, OnlineDrillColumnQuery, RestPageQuery) {}

@ApiTags('reports')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('reports/online-share')
@Roles('ADMIN', 'LEADER', 'REPORT_VIEWER', 'AUDITOR')
@Scopes('reports:read')
export class OnlineShareController {
  constructor(private readonly reports: OnlineShareService) {}

  @Get()
  @ApiOperation({ summary: 'Share of dossiers received online, overall and per procedure offered fully online', description: ONLINE_SHARE_DEFINITIONS })
  report(@Query() query: ReportFilterQuery): Promise<OnlineShareReport> {
    return this.reports.report(query);
  }

  @Get('dossiers')
  @ApiOperation({ summary: 'The dossiers behind one figure of the online-share report (drill-down), paged by code' })
  drillDown(@Query() query: OnlineDrillQuery): Promise<Page<DrillRow>> {
    const { column, procedureCode, limit, cursor, ...filter } = query;
    return this.reports.drillDown(filter, column, { procedureCode, limit, cursor });
  }

  @Get('chart')
  @ApiOperation({ summary: 'Chart-ready JSON of the online-share report (one label per procedure)' })
  async chart(@Query() query: ReportFilterQuery): Promise<ChartData> {
    return toChart(onlineShareTable(await this.reports.report(query)));
  }

  @XlsxDownload('xlsx', 'ty-le-ho-so-truc-tuyen.xlsx', 'The online-share report as a spreadsheet (Vietnamese headings)')
  async xlsx(@Query() query: ReportFilterQuery): Promise<StreamableFile> {
    return new StreamableFile(await toXlsx(onlineShareTable(await this.reports.report(query))));
  }

  @CsvDownload('csv', 'ty-le-ho-so-truc-tuyen.csv', 'The online-share report as CSV (UTF-8 with BOM, Vietnamese headings)')
  async csv(@Query() query: ReportFilterQuery): Promise<string> {
    return toCsv(onlineShareTable(await this.reports.report(query)));
  }
}
