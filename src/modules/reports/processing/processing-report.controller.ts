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
import type { ChartData } from 'src/modules/reports/common/report-table';
import { toChart, toCsv, toXlsx } from 'src/modules/reports/processing/processing-report.export';
import {
  PROCESSING_DEFINITIONS as DEFINITIONS,
  ProcessingDrillDownQuery,
  ProcessingReportQuery,
} from 'src/modules/reports/processing/processing-report.inputs';
import {
  ProcessingReportQueryService,
  echoFilters,
  type ProcessingEcho,
} from 'src/modules/reports/processing/processing-report-query.service';
import type { ProcessingReport } from 'src/modules/reports/processing/processing-report.service';
import { CsvDownload, XlsxDownload } from 'src/modules/reports/common/report-download.decorators';

@ApiTags('reports')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('reports/dossier-processing')
@Roles('ADMIN', 'LEADER', 'REPORT_VIEWER', 'AUDITOR')
@Scopes('reports:read')
export class ProcessingReportController {
  constructor(private readonly reports: ProcessingReportQueryService) {}

  @Get()
  @ApiOperation({
    summary: 'Form II.06a: dossiers received, resolved and in progress in a period',
    description: DEFINITIONS,
  })
  @ApiOkResponse({
    description: 'Lines per field and level, the total, the on-time rate and the consistency check',
  })
  async report(
    @Query() query: ProcessingReportQuery,
  ): Promise<ProcessingReport & { filters: ProcessingEcho }> {
    const { report, echo } = await this.reports.report(query);
    return { ...report, filters: echo };
  }

  @Get('chart')
  @ApiOperation({
    summary:
      'Form II.06a as chart-ready JSON: { labels (one per line), series: [{ key, name, nameEn, kind, data }] }',
  })
  async chart(@Query() query: ProcessingReportQuery): Promise<ChartData> {
    return toChart((await this.reports.report(query)).report);
  }

  @Get('dossiers')
  @ApiOperation({ summary: 'The dossiers behind one figure of the form (drill-down), paged by code' })
  drillDown(
    @Query() query: ProcessingDrillDownQuery,
  ): Promise<Page<{ id: string; code: string; fieldCode: string; level: string }>> {
    return this.reports.drillDown(query, query.column, query);
  }

  @XlsxDownload('xlsx', 'bieu-II.06a.xlsx', 'Form II.06a as a spreadsheet laid out like the official form (Vietnamese headings)')
  async xlsx(@Query() query: ProcessingReportQuery): Promise<StreamableFile> {
    const { report, echo } = await this.reports.report(query);
    return new StreamableFile(await toXlsx(report, echoFilters(echo)));
  }

  @CsvDownload('csv', 'bieu-II.06a.csv', 'Form II.06a as CSV (UTF-8, Vietnamese headings)')
  async csv(@Query() query: ProcessingReportQuery): Promise<string> {
    const { report, echo } = await this.reports.report(query);
    return toCsv(report, echoFilters(echo));
  }
}
