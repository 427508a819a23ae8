import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from 'src/common/auth/auth.decorators';
import { ApiUuidParam } from 'src/modules/organisation/uuid-param';
import { DomainException } from 'src/common/errors/domain.exception';
import {
  AdminUnitDetailDto,
  AdminUnitPageDto,
  AdminUnitQuery,
} from 'src/modules/organisation/units/admin-unit.dto';
import { AdminUnitsImportService } from 'src/modules/organisation/units/admin-units-import.service';
import { AdminUnitsService } from 'src/modules/organisation/units/admin-units.service';
import {
  AdminUnitImportResultDto,
  ImportAdminUnitsDto,
} from 'src/modules/organisation/units/import-admin-units.dto';

/** Administrative units of both eras (reference data, readable by every staff user) and their import. */
@ApiTags('administrative units')
@ApiBearerAuth()
@Controller('units')
export class AdminUnitsController {
  constructor(
    private readonly units: AdminUnitsService,
    private readonly importer: AdminUnitsImportService,
  ) {}

  @Post('import')
  @HttpCode(200)
  @Roles('ADMIN', 'DATA_OFFICER')
  @ApiOperation({
    summary: 'Import the administrative-unit lists (CSV text per file)',
    description:
      'Loads the files of data/admin-units/ (or a province’s lists of the same shape) in one transaction with ' +
      'set-based statements; re-importing updates names and links. The national set is about 0.93 MB of JSON: ' +
      'raise HTTP_BODY_LIMIT_BYTES if your lists are larger than the 1 MiB default.',
  })
  @ApiOkResponse({ type: AdminUnitImportResultDto })
  import(@Body() body: ImportAdminUnitsDto): Promise<AdminUnitImportResultDto> {
    return this.importer.import(body);
  }

  @Get()
  @ApiOperation({ summary: 'List units, optionally of one era, level, parent, or in force on a date' })
  @ApiOkResponse({ type: AdminUnitPageDto })
  list(@Query() query: AdminUnitQuery): Promise<AdminUnitPageDto> {
    return this.units.list(query);
  }

  @Get(':id')
  @ApiUuidParam()
  @ApiOperation({ summary: 'One unit with its successors and predecessors across the 2025 reform' })
  @ApiOkResponse({ type: AdminUnitDetailDto })
  async get(@Param('id', new ParseUUIDPipe()) id: string): Promise<AdminUnitDetailDto> {
    const unit = await this.units.findById(id);
    if (!unit) throw new DomainException('ADMIN_UNIT_NOT_FOUND');
    const [successors, predecessors] = await Promise.all([this.units.successors(id), this.units.predecessors(id)]);
    return { ...unit, successors, predecessors };
  }
}
