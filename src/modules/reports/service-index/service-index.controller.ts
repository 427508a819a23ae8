import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiSecurity, ApiTags, IntersectionType } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { Roles, Scopes } from 'src/common/auth/auth.decorators';
import { RestPageQuery, type Page } from 'src/common/pagination/pagination';
import { toChart, toCsv, toXlsx, type ChartData } from 'src/modules/reports/common/report-table';
import { ReportFilterQuery } from 'src/modules/reports/filters/report-filter.dto';
import type { DrillRow } from 'src/modules/reports/filters/report-objects';
import { serviceIndexTable } from 'src/modules/reports/service-index/service-index.export';
import { INDICATORS } from 'src/modules/reports/service-index/service-index-score';
import {
  INDEX_INDICATORS,
  INDEX_PARTS,
  ServiceIndexService,
  type IndexIndicator,
  type IndexPart,
  type ServiceIndexReport,
} from 'src/modules/reports/service-index/service-index.service';
import { CsvDownload, XlsxDownload } from 'src/modules/reports/common/report-download.decorators';

export const SERVICE_INDEX_DEFINITIONS =
  'Decision 766/QĐ-TTg service index per agency, for the sub-indicators this service has data for. Scoring (DOMAIN.md): ' +
  'full points at or above the threshold, otherwise rate × max ÷ threshold (rate × max without a threshold); points ' +
  'and thresholds are data (reporting-rules.json index766, flagged unconfirmed); a sub-indicator without data or ' +
  'without points is reported, not scored, and the total is out of the points available here, not 100. Formulas: ' +
  INDICATORS.map((i) => `${i.code} ${i.name} = ${i.formula}`).join('; ') +
  '. Catalog figures count the procedures the agency implements; dossier figures the dossiers it handles.';

class IndexDrillQuery {
  @ApiProperty({ enum: INDEX_INDICATORS })
  @IsIn(INDEX_INDICATORS)
  indicator!: IndexIndicator;

  @ApiProperty({ enum: INDEX_PARTS })
  @IsIn(INDEX_PARTS)
  part!: IndexPart;
}

export class ServiceIndexDrillQuery extends IntersectionType(ReportFilterQuery, IndexDrillQuery, RestPageQuery) {}

@ApiTags('reports')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('reports/service-index')
@Roles('ADMIN', 'LEADER', 'REPORT_VIEWER', 'AUDITOR')
@Scopes('reports:read')
export class ServiceIndexController {
  constructor(private readonly reports: ServiceIndexService) {}

  @Get()
  @ApiOperation({ summary: 'Decision 766 service index per agency (publicity, progress, online service, digitisation)', description: SERVICE_INDEX_DEFINITIONS })
  report(@Query() query: ReportFilterQuery): Promise<ServiceIndexReport> {
    return this.reports.report(query);
  }

  @Get('rows')
  @ApiOperation({ summary: 'The procedures or dossiers behind a sub-indicator\'s numerator or denominator for one agency (agencyCode required)' })
  drillDown(@Query() query: ServiceIndexDrillQuery): Promise<Page<DrillRow>> {
    const { indicator, part, limit, cursor, ...filter } = query;
    return this.reports.drillDown(filter, indicator, part, { limit, cursor });
  }

  @Get('chart')
  @ApiOperation({ summary: 'Chart-ready JSON of the service index (one label per agency, one series per sub-indicator)' })
  async chart(@Query() query: ReportFilterQuery): Promise<ChartData> {
    return toChart(serviceIndexTable(await this.reports.report(query)));
  }

  @XlsxDownload('xlsx', 'chi-so-766.xlsx', 'The service index as a spreadsheet (Vietnamese headings grouped as in Decision 766)')
  async xlsx(@Query() query: ReportFilterQuery): Promise<StreamableFile> {
    return new StreamableFile(await toXlsx(serviceIndexTable(await this.reports.report(query))));
  }

  @CsvDownload('csv', 'chi-so-766.csv', 'The service index as CSV (UTF-8 with BOM, Vietnamese headings)')
  async csv(@Query() query: ReportFilterQuery): Promise<string> {
    return toCsv(serviceIndexTable(await this.reports.report(query)));
  }
}
