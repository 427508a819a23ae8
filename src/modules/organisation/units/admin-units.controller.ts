import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from 'src/common/auth/auth.decorators';
import { DomainException } from 'src/common/errors/domain.exception';
import { decodeCursor, encodeCursor, pageSize } from 'src/common/pagination/pagination';
import { DataSource } from 'typeorm';
import {
  AdminUnitDetailDto,
  AdminUnitPageDto,
  AdminUnitQuery,
} from 'src/modules/organisation/units/admin-unit.dto';
import { AdminUnitsImportService } from 'src/modules/organisation/units/admin-units-import.service';
import { AdminUnitsService, UNIT_COLUMNS, type AdminUnit } from 'src/modules/organisation/units/admin-units.service';
import {
  AdminUnitImportResultDto,
  ImportAdminUnitsDto,
} from 'src/modules/organisation/units/import-admin-units.dto';

/** Administrative units of both eras (reference data, readable by every staff user) and their import. */
@ApiTags('admin-units')
@ApiBearerAuth()
@Controller('admin-units')
export class AdminUnitsController {
  constructor(
    private readonly units: AdminUnitsService,
    private readonly importer: AdminUnitsImportService,
    private readonly dataSource: DataSource,
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
  async list(@Query() query: AdminUnitQuery): Promise<AdminUnitPageDto> {
    const limit = pageSize(query.limit);
    const cursor = decodeCursor(query.cursor);
    const items = await this.dataSource.query<AdminUnit[]>(
      `select ${UNIT_COLUMNS} from admin_units u
        where ($1::text is null or u.era = $1) and ($2::text is null or u.level = $2)
          and ($3::uuid is null or u.parent_id = $3)
          and ($4::date is null or (u.valid_from <= $4::date and (u.valid_to is null or u.valid_to >= $4::date)))
          and ($5::text is null or u.code = $5)
          and ($6::text is null or vn_search_key(u.name) like '%' || vn_search_key($6) || '%')
          and ($7::text is null or (u.code, u.id) > ($7::text, $8::uuid))
        order by u.code, u.id limit $9`,
      [
        query.era ?? null,
        query.level ?? null,
        query.parentId ?? null,
        query.asOf ?? null,
        query.code ?? null,
        query.q ?? null,
        cursor ? String(cursor.k) : null,
        cursor?.id ?? null,
        limit + 1,
      ],
    );
    const page = items.slice(0, limit);
    const last = page[page.length - 1];
    return { items: page, nextCursor: items.length > limit && last ? encodeCursor({ k: last.code, id: last.id }) : null };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One unit with its successors and predecessors across the 2025 reform' })
  @ApiOkResponse({ type: AdminUnitDetailDto })
  async get(@Param('id', new ParseUUIDPipe()) id: string): Promise<AdminUnitDetailDto> {
    const unit = await this.units.findById(id);
    if (!unit) throw new DomainException('ADMIN_UNIT_NOT_FOUND');
    const [successors, predecessors] = await Promise.all([this.units.successors(id), this.units.predecessors(id)]);
    return { ...unit, successors, predecessors };
  }
}
