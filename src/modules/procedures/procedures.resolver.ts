import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Roles, Scopes } from 'src/common/auth/auth.decorators';
import { DATE_PATTERN } from 'src/common/http/api-fields';
import { CatalogFilterArgs } from 'src/modules/procedures/api/catalog-filter.args';
import { CreateDecisionInput } from 'src/modules/procedures/api/decision.input';
import { toDecisionObject, toPageObject, toVersionObject } from 'src/modules/procedures/api/procedure.mapper';
import {
  DecisionObject,
  DecisionPageObject,
  ProcedurePageObject,
  ProcedureVersionObject,
  VersionDiffObject,
} from 'src/modules/procedures/api/procedure.object';
import {
  CatalogStatisticsObject,
  DecisionStatisticsObject,
} from 'src/modules/procedures/api/statistics.object';
import { DomainException } from 'src/common/errors/domain.exception';
import { draftFrom } from 'src/modules/procedures/procedure-decisions.controller';
import { ProcedureDecisionsService } from 'src/modules/procedures/procedure-decisions.service';
import { ProcedureStatisticsService } from 'src/modules/procedures/procedure-statistics.service';
import { ProceduresService } from 'src/modules/procedures/procedures.service';

function checkDate(value: string | undefined, name: string): void {
  if (value !== undefined && !DATE_PATTERN.test(value))
    throw new DomainException('VALIDATION_FAILED', `${name} must be YYYY-MM-DD`, {
      errors: [{ field: name, message: 'must be YYYY-MM-DD' }],
    });
}

/** The catalog for staff: search, versions, decisions, statistics; ADMIN writes through decisions only. */
@Resolver()
export class ProceduresResolver {
  constructor(
    private readonly catalog: ProceduresService,
    private readonly decisions: ProcedureDecisionsService,
    private readonly statistics: ProcedureStatisticsService,
  ) {}

  @Scopes('procedures:read')
  @Query(() => ProcedurePageObject, { description: 'Catalog list and search (default: in force today)' })
  async procedures(@Args() args: CatalogFilterArgs): Promise<ProcedurePageObject> {
    const { first, after, ...filter } = args;
    const page = await this.catalog.list(filter, first, after, true);
    return toPageObject(page, filter);
  }

  @Scopes('procedures:read')
  @Query(() => ProcedureVersionObject, { description: 'A procedure as in force on a date (default today)' })
  async procedure(
    @Args('code', { type: () => String }) code: string,
    @Args('onDate', { type: () => String, nullable: true }) onDate?: string,
  ): Promise<ProcedureVersionObject> {
    checkDate(onDate, 'onDate');
    return toVersionObject(await this.catalog.getInForce(code, onDate));
  }

  @Scopes('procedures:read')
  @Query(() => ProcedureVersionObject, { description: 'One version by id (the id a dossier is bound to)' })
  async procedureVersion(@Args('id', { type: () => String }) id: string): Promise<ProcedureVersionObject> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new DomainException('PROCEDURE_VERSION_NOT_FOUND');
    return toVersionObject(await this.catalog.getVersion(id));
  }

  @Scopes('procedures:read')
  @Query(() => [ProcedureVersionObject], { description: 'Every version of a procedure, oldest first' })
  async procedureHistory(
    @Args('code', { type: () => String }) code: string,
  ): Promise<ProcedureVersionObject[]> {
    return (await this.catalog.history(code)).map(toVersionObject);
  }

  @Scopes('procedures:read')
  @Query(() => VersionDiffObject, {
    description: 'Differences between two versions (default: previous → latest)',
  })
  async procedureDiff(
    @Args('code', { type: () => String }) code: string,
    @Args('fromVersionNo', { type: () => Int, nullable: true }) fromVersionNo?: number,
    @Args('toVersionNo', { type: () => Int, nullable: true }) toVersionNo?: number,
  ): Promise<VersionDiffObject> {
    const diff = await this.catalog.diff(code, fromVersionNo, toVersionNo);
    return {
      code: diff.to.code,
      fromVersionNo: diff.from.versionNo,
      toVersionNo: diff.to.versionNo,
      changes: diff.changes,
    };
  }

  @Query(() => DecisionPageObject, { description: 'Publication decisions, newest first' })
  async procedureDecisions(
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<DecisionPageObject> {
    if (first !== undefined && (first < 1 || first > 500))
      throw new DomainException('VALIDATION_FAILED', 'first must be 1..500', {
        errors: [{ field: 'first', message: 'must be between 1 and 500' }],
      });
    const page = await this.decisions.list({}, first, after);
    return { items: page.items.map(toDecisionObject), nextCursor: page.nextCursor };
  }

  @Query(() => DecisionObject)
  async procedureDecision(@Args('id', { type: () => String }) id: string): Promise<DecisionObject> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new DomainException('PROCEDURE_DECISION_NOT_FOUND');
    return toDecisionObject(await this.decisions.get(id));
  }

  @Query(() => CatalogStatisticsObject, {
    description: 'Procedures in force by level, field, online mode, legacy level',
  })
  procedureStatistics(
    @Args('onDate', { type: () => String, nullable: true }) onDate?: string,
  ): Promise<CatalogStatisticsObject> {
    checkDate(onDate, 'onDate');
    return this.statistics.catalog(onDate);
  }

  @Query(() => DecisionStatisticsObject, {
    description: 'Decisions signed in a period: new/amended/abolished by level',
  })
  procedureDecisionStatistics(
    @Args('from', { type: () => String }) from: string,
    @Args('to', { type: () => String }) to: string,
  ): Promise<DecisionStatisticsObject> {
    checkDate(from, 'from');
    checkDate(to, 'to');
    return this.statistics.decisions(from, to);
  }

  @Roles('ADMIN')
  @Mutation(() => DecisionObject, {
    description: 'Record a publication decision (a draft unless apply = true)',
  })
  async createProcedureDecision(@Args('input') input: CreateDecisionInput): Promise<DecisionObject> {
    const draft = draftFrom(input);
    const record = input.apply
      ? await this.decisions.createAndApply(draft)
      : await this.decisions.createDraft(draft);
    return toDecisionObject(record);
  }

  @Roles('ADMIN')
  @Mutation(() => DecisionObject, { description: 'Apply a draft decision: creates the new versions' })
  async applyProcedureDecision(@Args('id', { type: () => String }) id: string): Promise<DecisionObject> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new DomainException('PROCEDURE_DECISION_NOT_FOUND');
    return toDecisionObject(await this.decisions.apply(id));
  }

  @Roles('ADMIN')
  @Mutation(() => Boolean, { description: 'Delete a draft decision (applied ones are permanent)' })
  async deleteProcedureDecision(@Args('id', { type: () => String }) id: string): Promise<boolean> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new DomainException('PROCEDURE_DECISION_NOT_FOUND');
    await this.decisions.deleteDraft(id);
    return true;
  }
}
