import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from 'src/common/auth/auth.decorators';
import { PublicCatalogQuery } from 'src/modules/procedures/api/catalog-filter.args';
import { toPageObject, toVersionObject } from 'src/modules/procedures/api/procedure.mapper';
import { ProcedurePageObject, ProcedureVersionObject } from 'src/modules/procedures/api/procedure.object';
import { ApiCodeParam, pathCode } from 'src/modules/procedures/procedures.controller';
import { ProceduresService } from 'src/modules/procedures/procedures.service';

/**
 * What the department must publish, for the provincial portal: the catalog in force today and each procedure with
 * its documents, fees and time limit. No login. Values the source did not state are listed in `notStatedFields`
 * and the time limit reads "Nguồn không ghi (not stated in the source)".
 */
@ApiTags('public')
@Controller('public/procedures')
export class PublicProceduresController {
  constructor(private readonly catalog: ProceduresService) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Catalog in force today (public)' })
  @ApiOkResponse({ type: ProcedurePageObject })
  async list(@Query() query: PublicCatalogQuery): Promise<ProcedurePageObject> {
    const { limit, cursor, ...filter } = query;
    const page = await this.catalog.list({ ...filter, status: 'IN_FORCE' }, limit, cursor, true);
    return toPageObject(page, { status: 'IN_FORCE' });
  }

  @Public()
  @Get(':code')
  @ApiCodeParam()
  @ApiOperation({ summary: 'A procedure in force today with documents, fees and time limit (public)' })
  @ApiOkResponse({ type: ProcedureVersionObject })
  async get(@Param('code') code: string): Promise<ProcedureVersionObject> {
    return toVersionObject(await this.catalog.getInForce(pathCode(code)));
  }
}
