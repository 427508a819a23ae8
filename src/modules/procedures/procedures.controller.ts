import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiSecurity,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Scopes } from 'src/common/auth/auth.decorators';
import { DomainException } from 'src/common/errors/domain.exception';
import { CatalogQuery, OnDateQuery } from 'src/modules/procedures/api/catalog-filter.args';
import { toPageObject, toVersionObject } from 'src/modules/procedures/api/procedure.mapper';
import {
  ProcedurePageObject,
  ProcedureVersionObject,
  VersionDiffObject,
} from 'src/modules/procedures/api/procedure.object';
import { CatalogStatisticsObject } from 'src/modules/procedures/api/statistics.object';
import { PROCEDURE_CODE_PATTERN } from 'src/modules/procedures/domain/procedure.types';
import { ProcedureStatisticsService } from 'src/modules/procedures/procedure-statistics.service';
import { catalogCode, ProceduresService } from 'src/modules/procedures/procedures.service';

/** OpenAPI description of a procedure code path parameter. */
export const ApiCodeParam = (): MethodDecorator =>
  ApiParam({
    name: 'code',
    description: 'National code (1.001978), provincial portal code (1.014199.H05) or local code (LDXH-057)',
    schema: { type: 'string', maxLength: 60, pattern: '^[0-9A-Za-z.-]{1,60}$' },
  });

/** OpenAPI description of a uuid path parameter. */
export const ApiIdParam = (): MethodDecorator =>
  ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid', maxLength: 36 } });

export class DiffQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 10000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10000)
  from?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 10000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10000)
  to?: number;
}

/** A path code: national (1.001978), portal (1.014199.H05) or local (LDXH-057); anything else is not found. */
export function pathCode(raw: string): string {
  const code = catalogCode(raw);
  if (!PROCEDURE_CODE_PATTERN.test(code))
    throw new DomainException('PROCEDURE_NOT_FOUND', `No procedure ${raw}`);
  return code;
}

/** The catalog for staff and API clients (read). Changes go through /procedure-decisions. */
@ApiTags('procedures')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('procedures')
export class ProceduresController {
  constructor(
    private readonly catalog: ProceduresService,
    private readonly statistics: ProcedureStatisticsService,
  ) {}

  @Get()
  @Scopes('procedures:read')
  @ApiOperation({ summary: 'List and search the catalog (default: in force today)' })
  @ApiOkResponse({ type: ProcedurePageObject })
  async list(@Query() query: CatalogQuery): Promise<ProcedurePageObject> {
    const { limit, cursor, ...filter } = query;
    const page = await this.catalog.list(filter, limit, cursor, true);
    return toPageObject(page, filter);
  }

  @Get('statistics')
  @Scopes('procedures:read')
  @ApiOperation({ summary: 'Procedures in force by level, field, online mode and legacy level' })
  @ApiOkResponse({ type: CatalogStatisticsObject })
  stats(@Query() query: OnDateQuery): Promise<CatalogStatisticsObject> {
    return this.statistics.catalog(query.onDate);
  }

  @Get(':code')
  @ApiCodeParam()
  @Scopes('procedures:read')
  @ApiOperation({
    summary: 'A procedure as in force on a date (default today), with documents, fees and steps',
  })
  @ApiOkResponse({ type: ProcedureVersionObject })
  async get(@Param('code') code: string, @Query() query: OnDateQuery): Promise<ProcedureVersionObject> {
    return toVersionObject(await this.catalog.getInForce(pathCode(code), query.onDate));
  }

  @Get(':code/versions')
  @ApiCodeParam()
  @Scopes('procedures:read')
  @ApiOperation({ summary: 'Every version of a procedure, oldest first' })
  @ApiExtraModels(ProcedureVersionObject)
  @ApiOkResponse({
    schema: { type: 'array', maxItems: 1000, items: { $ref: getSchemaPath(ProcedureVersionObject) } },
  })
  async history(@Param('code') code: string): Promise<ProcedureVersionObject[]> {
    return (await this.catalog.history(pathCode(code))).map(toVersionObject);
  }

  @Get(':code/diff')
  @ApiCodeParam()
  @Scopes('procedures:read')
  @ApiOperation({ summary: 'Differences between two versions (default: previous → latest)' })
  @ApiOkResponse({ type: VersionDiffObject })
  async diff(@Param('code') code: string, @Query() query: DiffQuery): Promise<VersionDiffObject> {
    const diff = await this.catalog.diff(pathCode(code), query.from, query.to);
    return {
      code: diff.to.code,
      fromVersionNo: diff.from.versionNo,
      toVersionNo: diff.to.versionNo,
      changes: diff.changes,
    };
  }
}

/** One version by id: the id a dossier stores. */
@ApiTags('procedures')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('procedure-versions')
export class ProcedureVersionsController {
  constructor(private readonly catalog: ProceduresService) {}

  @Get(':id')
  @ApiIdParam()
  @Scopes('procedures:read')
  @ApiOperation({ summary: 'One procedure version by id' })
  @ApiOkResponse({ type: ProcedureVersionObject })
  async get(@Param('id') id: string): Promise<ProcedureVersionObject> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id))
      throw new DomainException('PROCEDURE_VERSION_NOT_FOUND');
    return toVersionObject(await this.catalog.getVersion(id));
  }
}
