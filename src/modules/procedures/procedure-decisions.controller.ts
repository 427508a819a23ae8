import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { Roles } from 'src/common/auth/auth.decorators';
import { DomainException } from 'src/common/errors/domain.exception';
import { RestPageQuery } from 'src/common/pagination/pagination';
import { DATE_PATTERN } from 'src/common/http/api-fields';
import { PeriodQuery } from 'src/modules/procedures/api/catalog-filter.args';
import { CreateDecisionInput } from 'src/modules/procedures/api/decision.input';
import { toDecisionObject } from 'src/modules/procedures/api/procedure.mapper';
import { DecisionObject, DecisionPageObject } from 'src/modules/procedures/api/procedure.object';
import { DecisionStatisticsObject } from 'src/modules/procedures/api/statistics.object';
import { DECISION_STATUSES, type DecisionStatus } from 'src/modules/procedures/domain/procedure.types';
import { ProcedureDecisionsService } from 'src/modules/procedures/procedure-decisions.service';
import { ProcedureStatisticsService } from 'src/modules/procedures/procedure-statistics.service';
import { ApiIdParam } from 'src/modules/procedures/procedures.controller';

export class DecisionListQuery extends RestPageQuery {
  @ApiPropertyOptional({ enum: DECISION_STATUSES })
  @IsOptional()
  @IsIn(DECISION_STATUSES)
  status?: DecisionStatus;
  @ApiPropertyOptional({ format: 'date', maxLength: 10, pattern: DATE_PATTERN.source })
  @IsOptional()
  @Matches(DATE_PATTERN)
  signedFrom?: string;
  @ApiPropertyOptional({ format: 'date', maxLength: 10, pattern: DATE_PATTERN.source })
  @IsOptional()
  @Matches(DATE_PATTERN)
  signedTo?: string;
}

export function decisionId(raw: string): string {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(raw))
    throw new DomainException('PROCEDURE_DECISION_NOT_FOUND');
  return raw;
}

/** The input classes are shared with GraphQL; the service takes plain content objects. */
export function draftFrom(
  input: CreateDecisionInput,
): Parameters<ProcedureDecisionsService['createDraft']>[0] {
  const { apply: _apply, ...draft } = input;
  return { ...draft, items: draft.items.map((i) => ({ ...i, content: i.content ?? null })) };
}

/** Publication decisions: the only way the catalog changes (ADMIN writes, every write audited). */
@ApiTags('procedures')
@ApiBearerAuth()
@Controller('procedure-decisions')
export class ProcedureDecisionsController {
  constructor(
    private readonly decisions: ProcedureDecisionsService,
    private readonly statistics: ProcedureStatisticsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Publication decisions, newest signing date first' })
  @ApiOkResponse({ type: DecisionPageObject })
  async list(@Query() query: DecisionListQuery): Promise<DecisionPageObject> {
    const { limit, cursor, ...filter } = query;
    const page = await this.decisions.list(filter, limit, cursor);
    return { items: page.items.map(toDecisionObject), nextCursor: page.nextCursor };
  }

  @Get('statistics')
  @ApiOperation({ summary: 'Decisions signed in a period with new/amended/abolished counts by level' })
  @ApiOkResponse({ type: DecisionStatisticsObject })
  stats(@Query() query: PeriodQuery): Promise<DecisionStatisticsObject> {
    return this.statistics.decisions(query.from, query.to);
  }

  @Get(':id')
  @ApiIdParam()
  @ApiOperation({ summary: 'One decision with its items' })
  @ApiOkResponse({ type: DecisionObject })
  async get(@Param('id') id: string): Promise<DecisionObject> {
    return toDecisionObject(await this.decisions.get(decisionId(id)));
  }

  @Post()
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Record a publication decision (a draft unless apply = true)' })
  @ApiOkResponse({ type: DecisionObject })
  async create(@Body() body: CreateDecisionInput): Promise<DecisionObject> {
    const draft = draftFrom(body);
    return toDecisionObject(
      body.apply ? await this.decisions.createAndApply(draft) : await this.decisions.createDraft(draft),
    );
  }

  @Post(':id/apply')
  @ApiIdParam()
  @HttpCode(200)
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Apply a draft: new versions take effect on the decision’s effective date' })
  @ApiOkResponse({ type: DecisionObject })
  async apply(@Param('id') id: string): Promise<DecisionObject> {
    return toDecisionObject(await this.decisions.apply(decisionId(id)));
  }

  @Delete(':id')
  @ApiIdParam()
  @HttpCode(204)
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Delete a draft decision (applied decisions are permanent)' })
  async remove(@Param('id') id: string): Promise<void> {
    await this.decisions.deleteDraft(decisionId(id));
  }
}
