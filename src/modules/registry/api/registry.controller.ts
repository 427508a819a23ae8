import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProperty,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { Roles, Scopes } from 'src/common/auth/auth.decorators';
import { RequestContext } from 'src/common/context/request-context';
import {
  PersonDetailDto,
  PersonPageDto,
  PersonSearchQuery,
  PersonSummaryDto,
  RecordDeathDto,
  RegisterPersonDto,
} from 'src/modules/registry/api/person.dto';
import { RegistryViewService } from 'src/modules/registry/api/registry-view.service';
import { StatusesOnQuery, StatusPeriodDto } from 'src/modules/registry/api/status.dto';
import { VitalEventsService } from 'src/modules/registry/people/vital-events.service';
import { StatusQueriesService } from 'src/modules/registry/statuses/status-queries.service';

class IntakeResultDto {
  @ApiProperty({ type: PersonSummaryDto }) person!: PersonSummaryDto;
  @ApiProperty({ description: 'false when a person with this CCCD already existed' }) created!: boolean;
}

class StatusListDto {
  @ApiProperty({ type: [StatusPeriodDto], maxItems: 500 }) items!: StatusPeriodDto[];
}

class DeathResultDto {
  @ApiProperty({ type: [StatusPeriodDto], maxItems: 500 }) statuses!: StatusPeriodDto[];
}

const UUID_PARAM = { name: 'id', schema: { type: 'string' as const, format: 'uuid', maxLength: 36 } };
const WRITERS = ['ADMIN', 'DATA_OFFICER', 'SPECIALIST'] as const;

/** REST for integrations (API keys with registry:read / registry:write) and staff. CCCD masked except single reads. */
@ApiTags('registry')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('registry')
export class RegistryController {
  constructor(
    private readonly view: RegistryViewService,
    private readonly queries: StatusQueriesService,
    private readonly vital: VitalEventsService,
  ) {}

  @Get('people')
  @Scopes('registry:read')
  @ApiOperation({
    summary: 'Search people (name diacritic-insensitive, CCCD, household code, unit); CCCD masked',
  })
  @ApiOkResponse({ type: PersonPageDto })
  search(@Query() q: PersonSearchQuery): Promise<PersonPageDto> {
    return this.view.search({ ...q, first: q.limit, after: q.cursor });
  }

  @Get('people/:id')
  @Scopes('registry:read')
  @ApiParam(UUID_PARAM)
  @ApiOperation({ summary: 'One person in full; recorded as a personal-data view' })
  @ApiOkResponse({ type: PersonDetailDto })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<PersonDetailDto> {
    return this.view.person(id);
  }

  @Get('people/:id/statuses')
  @Scopes('registry:read')
  @ApiParam(UUID_PARAM)
  @ApiOperation({ summary: 'Statuses the person held on a date' })
  @ApiOkResponse({ type: StatusListDto })
  async statuses(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() q: StatusesOnQuery,
  ): Promise<StatusListDto> {
    await this.view.personSummary(id);
    return {
      items: await this.queries.heldOn(RequestContext.actor(), { date: q.date, kind: q.kind, personId: id }),
    };
  }

  @Post('people')
  @HttpCode(200)
  @Roles(...WRITERS)
  @Scopes('registry:write')
  @ApiOperation({ summary: 'Intake: returns the person with this CCCD if registered, else registers one' })
  @ApiOkResponse({ type: IntakeResultDto })
  intake(@Body() body: RegisterPersonDto): Promise<IntakeResultDto> {
    return this.view.intake(body, RequestContext.actor()?.kind === 'api_key' ? 'IMPORT' : 'MANUAL');
  }

  @Post('people/:id/death')
  @HttpCode(200)
  @Roles(...WRITERS)
  @Scopes('registry:write')
  @ApiParam(UUID_PARAM)
  @ApiOperation({ summary: 'Records a death (e.g. from a death-registration dossier); ends active statuses' })
  @ApiOkResponse({ type: DeathResultDto })
  async death(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: RecordDeathDto,
  ): Promise<DeathResultDto> {
    await this.view.personSummary(id);
    await this.vital.recordDeath(id, body.deathDate, { source: body.source, ref: body.sourceRef });
    return { statuses: await this.queries.personHistory(id) };
  }
}
