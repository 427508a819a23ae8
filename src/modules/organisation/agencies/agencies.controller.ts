import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from 'src/common/auth/auth.decorators';
import { ApiUuidParam } from 'src/modules/organisation/uuid-param';
import { AgenciesService } from 'src/modules/organisation/agencies/agencies.service';
import {
  AgencyDto,
  AgencyPageDto,
  AgencyQuery,
  CreateAgencyDto,
  UpdateAgencyDto,
} from 'src/modules/organisation/agencies/agency.dto';

/** Agencies in the caller's administrative scope. Reading: any staff; writing: ADMIN within scope. */
@ApiTags('agencies')
@ApiBearerAuth()
@Controller('agencies')
export class AgenciesController {
  constructor(private readonly agencies: AgenciesService) {}

  @Get()
  @ApiOperation({ summary: 'Agencies in my scope' })
  @ApiOkResponse({ type: AgencyPageDto })
  list(@Query() query: AgencyQuery): Promise<AgencyPageDto> {
    return this.agencies.list(query);
  }

  @Get(':id')
  @ApiUuidParam()
  @ApiOkResponse({ type: AgencyDto })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<AgencyDto> {
    return this.agencies.get(id);
  }

  @Post()
  @Roles('ADMIN')
  @ApiCreatedResponse({ type: AgencyDto })
  create(@Body() body: CreateAgencyDto): Promise<AgencyDto> {
    return this.agencies.create(body);
  }

  @Patch(':id')
  @ApiUuidParam()
  @Roles('ADMIN')
  @ApiOkResponse({ type: AgencyDto })
  update(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: UpdateAgencyDto): Promise<AgencyDto> {
    return this.agencies.update(id, body);
  }
}
