import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { Public, Roles, Scopes } from 'src/common/auth/auth.decorators';
import { RestPageQuery } from 'src/common/pagination/pagination';
import {
  AnswerFeedbackDto,
  AssignFeedbackDto,
  FeedbackDto,
  FeedbackPageDto,
  FeedbackQuery,
  FeedbackStatsDto,
  FeedbackStatsQuery,
  PublishedFeedbackPageDto,
  ReceptionDto,
  RecordReceptionDto,
  RejectFeedbackDto,
  SubmitFeedbackDto,
  VersionDto,
} from 'src/modules/feedback/feedback.dto';
import { FeedbackService } from 'src/modules/feedback/feedback.service';
import { ReceptionService } from 'src/modules/feedback/reception.service';
import { ApiUuidParam } from 'src/modules/organisation/uuid-param';

/** Citizen feedback and petitions: submitted by portals (API key) or staff, answered and published by staff. */
@ApiTags('feedback')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('feedback')
export class FeedbackController {
  constructor(private readonly feedback: FeedbackService) {}

  @Post()
  @Roles('ADMIN', 'RECEPTION_OFFICER', 'SPECIALIST')
  @Scopes('feedback:write')
  @ApiOperation({
    summary: 'Record a feedback or petition (portals: send portalReference to make retries safe)',
  })
  @ApiCreatedResponse({ type: FeedbackDto })
  submit(@Body() body: SubmitFeedbackDto): Promise<FeedbackDto> {
    return this.feedback.submit(body);
  }

  @Get()
  @Roles('ADMIN', 'RECEPTION_OFFICER', 'SPECIALIST', 'LEADER', 'REPORT_VIEWER', 'AUDITOR')
  @ApiOperation({ summary: 'Feedback in my administrative scope, newest first' })
  @ApiOkResponse({ type: FeedbackPageDto })
  list(@Query() query: FeedbackQuery): Promise<FeedbackPageDto> {
    return this.feedback.list(query);
  }

  @Get('stats')
  @Roles('ADMIN', 'LEADER', 'REPORT_VIEWER')
  @ApiOperation({
    summary: 'Feedback handled on time and citizens received in a period (Decision 766 indicator 5.2)',
  })
  @ApiOkResponse({ type: FeedbackStatsDto })
  stats(@Query() query: FeedbackStatsQuery): Promise<FeedbackStatsDto> {
    return this.feedback.stats(query.from, query.to);
  }

  @Get(':id')
  @ApiUuidParam()
  @Roles('ADMIN', 'RECEPTION_OFFICER', 'SPECIALIST', 'LEADER', 'REPORT_VIEWER', 'AUDITOR')
  @ApiOkResponse({ type: FeedbackDto })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<FeedbackDto> {
    return this.feedback.get(id);
  }

  @Post(':id/assign')
  @ApiUuidParam()
  @Roles('ADMIN', 'LEADER')
  @ApiOkResponse({ type: FeedbackDto })
  assign(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: AssignFeedbackDto,
  ): Promise<FeedbackDto> {
    return this.feedback.assign(id, body.assigneeId, body.version);
  }

  @Post(':id/answer')
  @ApiUuidParam()
  @Roles('ADMIN', 'SPECIALIST', 'LEADER')
  @ApiOkResponse({ type: FeedbackDto })
  answer(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: AnswerFeedbackDto,
  ): Promise<FeedbackDto> {
    return this.feedback.answer(id, body.answer, body.version);
  }

  @Post(':id/reject')
  @ApiUuidParam()
  @Roles('ADMIN', 'LEADER')
  @ApiOkResponse({ type: FeedbackDto })
  reject(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: RejectFeedbackDto,
  ): Promise<FeedbackDto> {
    return this.feedback.reject(id, body.reason, body.version);
  }

  @Post(':id/publish')
  @ApiUuidParam()
  @Roles('ADMIN', 'LEADER')
  @ApiOkResponse({ type: FeedbackDto })
  publish(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: VersionDto): Promise<FeedbackDto> {
    return this.feedback.publish(id, body.version);
  }
}

/** Answers the department publishes, readable without login by the provincial portal. */
@ApiTags('public')
@Controller('public/feedback')
export class PublishedFeedbackController {
  constructor(private readonly feedback: FeedbackService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Published answers to citizen feedback (no personal data)', security: [] })
  @ApiOkResponse({ type: PublishedFeedbackPageDto })
  list(@Query() query: RestPageQuery): Promise<PublishedFeedbackPageDto> {
    return this.feedback.published(query);
  }
}

@ApiTags('citizen-receptions')
@ApiBearerAuth()
@Controller('citizen-receptions')
export class ReceptionController {
  constructor(private readonly receptions: ReceptionService) {}

  @Post()
  @Roles('ADMIN', 'RECEPTION_OFFICER')
  @ApiOperation({ summary: 'Record a visit at the citizen reception desk of my agency' })
  @ApiCreatedResponse({ type: ReceptionDto })
  record(@Body() body: RecordReceptionDto): Promise<ReceptionDto> {
    return this.receptions.record(body);
  }
}
