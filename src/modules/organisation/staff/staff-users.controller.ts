import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from 'src/common/auth/auth.decorators';
import { ApiUuidParam } from 'src/modules/organisation/uuid-param';
import {
  CreateStaffUserDto,
  StaffUserDto,
  StaffUserPageDto,
  StaffUserQuery,
  UpdateStaffUserDto,
} from 'src/modules/organisation/staff/staff-user.dto';
import { StaffUsersService } from 'src/modules/organisation/staff/staff-users.service';

/** Staff accounts of agencies in the caller's scope (ADMIN; AUDITOR may read). Disable with `active: false`. */
@ApiTags('staff-users')
@ApiBearerAuth()
@Controller('staff-users')
export class StaffUsersController {
  constructor(private readonly users: StaffUsersService) {}

  @Get()
  @Roles('ADMIN', 'AUDITOR')
  @ApiOperation({ summary: 'Staff users of agencies in my scope' })
  @ApiOkResponse({ type: StaffUserPageDto })
  list(@Query() query: StaffUserQuery): Promise<StaffUserPageDto> {
    return this.users.list(query);
  }

  @Get(':id')
  @ApiUuidParam()
  @Roles('ADMIN', 'AUDITOR')
  @ApiOkResponse({ type: StaffUserDto })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<StaffUserDto> {
    return this.users.get(id);
  }

  @Post()
  @Roles('ADMIN')
  @ApiCreatedResponse({ type: StaffUserDto })
  create(@Body() body: CreateStaffUserDto): Promise<StaffUserDto> {
    return this.users.create(body);
  }

  @Patch(':id')
  @ApiUuidParam()
  @Roles('ADMIN')
  @ApiOkResponse({ type: StaffUserDto })
  update(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: UpdateStaffUserDto): Promise<StaffUserDto> {
    return this.users.update(id, body);
  }
}
