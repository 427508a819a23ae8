import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { Roles, Scopes } from 'src/common/auth/auth.decorators';
import type { Page } from 'src/common/pagination/pagination';
import { catalogTable } from 'src/modules/reports/catalog/catalog-report.export';
import {
  CatalogDecisionItemsQuery,
  CatalogProceduresQuery,
  CatalogReportQuery,
} from 'src/modules/reports/catalog/catalog-report.inputs';
import { CatalogReportService, type CatalogReport } from 'src/modules/reports/catalog/catalog-report.service';
import { toChart, toCsv, toXlsx, type ChartData } from 'src/modules/reports/common/report-table';
import type { DrillRow } from 'src/modules/reports/filters/report-objects';
import { CsvDownload, XlsxDownload } from 'src/modules/reports/common/report-download.decorators';

export const CATALOG_DEFINITIONS =
  'In force = procedure versions valid on the period\'s last day (valid_from ≤ day < valid_to; abolition closes ' +
  'the version), as the procedures module reads its catalog. Breakdowns: exclusive level group (one level, ' +
  'MULTI_LEVEL when several levels handle it, NOT_STATED), field, online mode (FULL toàn trình / PARTIAL một phần / ' +
  'NONE / NOT_STATED, Decree 42/2022 art. 11) and legacy level 1–4 (Decree 43/2011) — each adds up to the total. ' +
  'Decisions in the period = APPLIED publication decisions signed in the period; each item is one procedure new, ' +
  'amended, replaced or abolished, by the exclusive level group of the item. The catalog is province-wide: the unit ' +
  'filter does not apply; agency = the implementing or deciding agency; level = one of the procedure\'s levels.';

@ApiTags('reports')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('reports/catalog')
@Roles('ADMIN', 'LEADER', 'REPORT_VIEWER', 'AUDITOR')
@Scopes('reports:read')
export class CatalogReportController {
  constructor(private readonly reports: CatalogReportService) {}

  @Get()
  @ApiOperation({ summary: 'Procedures in force by level, field, online mode and legacy level; decisions in the period', description: CATALOG_DEFINITIONS })
  report(@Query() query: CatalogReportQuery): Promise<CatalogReport> {
    const { level, ...filter } = query;
    return this.reports.report(filter, level ?? null);
  }

  @Get('procedures')
  @ApiOperation({ summary: 'The procedures in force behind one group of a breakdown (drill-down), paged by code' })
  procedures(@Query() query: CatalogProceduresQuery): Promise<Page<DrillRow>> {
    const { dimension, key, level, limit, cursor, ...filter } = query;
    return this.reports.procedures(filter, dimension, key ?? null, { level, limit, cursor });
  }

  @Get('decision-items')
  @ApiOperation({ summary: 'The procedures changed by the decisions of the period, by action and level group, paged' })
  decisionItems(@Query() query: CatalogDecisionItemsQuery): Promise<Page<DrillRow>> {
    const { action, levelGroup, level, limit, cursor, ...filter } = query;
    return this.reports.decisionItems(filter, action ?? null, levelGroup ?? null, { level, limit, cursor });
  }

  @Get('chart')
  @ApiOperation({ summary: 'Chart-ready JSON of the catalog report' })
  async chart(@Query() query: CatalogReportQuery): Promise<ChartData> {
    return toChart(catalogTable(await this.report(query)));
  }

  @XlsxDownload('xlsx', 'thu-tuc-hanh-chinh.xlsx', 'The catalog report as a spreadsheet (Vietnamese headings)')
  async xlsx(@Query() query: CatalogReportQuery): Promise<StreamableFile> {
    return new StreamableFile(await toXlsx(catalogTable(await this.report(query))));
  }

  @CsvDownload('csv', 'thu-tuc-hanh-chinh.csv', 'The catalog report as CSV (UTF-8 with BOM, Vietnamese headings)')
  async csv(@Query() query: CatalogReportQuery): Promise<string> {
    return toCsv(catalogTable(await this.report(query)));
  }
}
