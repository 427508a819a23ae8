import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiProperty,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles, Scopes } from 'src/common/auth/auth.decorators';
import {
  ImportCatalogJsonInput,
  ImportCatalogXlsxInput,
} from 'src/modules/procedures/api/catalog-import.input';
import { OnDateQuery } from 'src/modules/procedures/api/catalog-filter.args';
import { toDecisionObject } from 'src/modules/procedures/api/procedure.mapper';
import { DecisionObject } from 'src/modules/procedures/api/procedure.object';
import {
  ProcedureCatalogIoService,
  type CatalogJson,
} from 'src/modules/procedures/io/procedure-catalog-io.service';
import { businessToday } from 'src/modules/procedures/procedures.service';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export class ImportPlanDto {
  @ApiProperty({ type: DecisionObject, nullable: true, description: 'Draft decision to review and apply' })
  decision!: DecisionObject | null;
  @ApiProperty({ type: String, isArray: true, maxItems: 2000, maxLength: 60 }) created!: string[];
  @ApiProperty({ type: String, isArray: true, maxItems: 2000, maxLength: 60 }) amended!: string[];
  @ApiProperty({ type: String, isArray: true, maxItems: 2000, maxLength: 60 }) abolished!: string[];
  @ApiProperty() unchanged!: number;
}

/** Catalog import/export. An import yields a DRAFT publication decision; nothing changes until it is applied. */
@ApiTags('procedures')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller()
export class ProcedureCatalogIoController {
  constructor(private readonly io: ProcedureCatalogIoService) {}

  @Get('procedures/export.json')
  @Scopes('procedures:read')
  @ApiOperation({ summary: 'The catalog in force on a date (default today) as JSON, with every part' })
  @ApiOkResponse({ description: 'Catalog JSON (format an-sinh.procedure-catalog, version 1)' })
  exportJson(@Query() query: OnDateQuery): Promise<CatalogJson> {
    return this.io.exportJson(query.onDate);
  }

  @Get('procedures/export.xlsx')
  @Scopes('procedures:read')
  @ApiOperation({ summary: 'The catalog in force as an XLSX list laid out the way departments publish it' })
  @ApiProduces(XLSX_TYPE)
  @ApiOkResponse({ description: 'XLSX workbook (sheets "Danh mục TTHC" and "Thành phần hồ sơ")' })
  async exportXlsx(
    @Query() query: OnDateQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const onDate = query.onDate ?? businessToday();
    const file = await this.io.exportXlsx(onDate);
    void reply
      .header('content-type', XLSX_TYPE)
      .header('content-disposition', `attachment; filename="danh-muc-tthc-${onDate}.xlsx"`);
    return file;
  }

  @Post('procedure-decisions/import/json')
  @HttpCode(200)
  @Roles('ADMIN')
  @ApiOperation({
    summary: 'Import a catalog JSON as a draft decision (new / amended / optionally abolished)',
  })
  @ApiOkResponse({ type: ImportPlanDto })
  async importJson(@Body() body: ImportCatalogJsonInput): Promise<ImportPlanDto> {
    const procedures = body.procedures.map(
      ({ versionNo: _n, validFrom: _f, decisionNumber: _d, ...content }) => content,
    );
    const plan = await this.io.importJson(body.decision, procedures, body.abolishMissing);
    return { ...plan, decision: plan.decision ? toDecisionObject(plan.decision) : null };
  }

  @Post('procedure-decisions/import/xlsx')
  @HttpCode(200)
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Import a catalog workbook (as exported) as a draft decision' })
  @ApiOkResponse({ type: ImportPlanDto })
  async importXlsx(@Body() body: ImportCatalogXlsxInput): Promise<ImportPlanDto> {
    const plan = await this.io.importXlsx(
      body.decision,
      Buffer.from(body.fileBase64, 'base64'),
      body.abolishMissing,
    );
    return { ...plan, decision: plan.decision ? toDecisionObject(plan.decision) : null };
  }
}
