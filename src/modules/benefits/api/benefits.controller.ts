import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, Scopes } from 'src/common/auth/auth.decorators';
import type { Actor } from 'src/common/context/request-context';
import { BENEFIT_READERS } from 'src/modules/benefits/api/roles';
import { monthParam, toCoverageObject, toExplanation } from 'src/modules/benefits/api/benefit.mappers';
import {
  AmountExplanationObject,
  BaseLevelListObject,
  BaseLevelObject,
  CoverageObject,
  PaidThroughAccountsObject,
} from 'src/modules/benefits/api/benefit.objects';
import {
  CalculationArgs,
  CoverageArgs,
  CreateBaseLevelInput,
  PaidArgs,
} from 'src/modules/benefits/api/benefit.inputs';
import type { BenefitScheme, MeritTable, RateScope } from 'src/modules/benefits/domain/rules.model';
import { RulesService } from 'src/modules/benefits/rules/rules.service';
import { PaymentStatisticsService } from 'src/modules/benefits/statistics/payment-statistics.service';

/** Allowance rules, the calculator, and cashless-payment statistics. */
@ApiTags('benefits')
@ApiBearerAuth()
@Controller('benefits')
export class BenefitsController {
  constructor(
    private readonly rules: RulesService,
    private readonly statistics: PaymentStatisticsService,
  ) {}

  @Get('base-levels')
  @Roles(...BENEFIT_READERS)
  @ApiOperation({
    summary: 'Base levels (social assistance, preferential) by scope with effective dates and legal basis',
  })
  @ApiOkResponse({ type: BaseLevelListObject })
  async baseLevels(): Promise<BaseLevelListObject> {
    return { items: (await this.rules.baseLevels()).map((b) => ({ ...b, note: b.note ?? null })) };
  }

  @Post('base-levels')
  @Roles('ADMIN')
  @ApiOperation({
    summary: 'Add a base-level version (a decree, or a province resolution above the national level)',
  })
  @ApiOkResponse({ type: BaseLevelObject })
  async addBaseLevel(
    @CurrentActor() actor: Actor | undefined,
    @Body() body: CreateBaseLevelInput,
  ): Promise<BaseLevelObject> {
    const b = await this.rules.addBaseLevel(actor, {
      scheme: body.scheme as BenefitScheme,
      scope: body.scope as RateScope,
      unitId: body.unitId ?? null,
      amount: body.amount,
      effectiveFrom: body.effectiveFrom,
      legalBasis: body.legalBasis,
      unconfirmed: body.unconfirmed ?? false,
      note: body.note,
    });
    return { ...b, note: b.note ?? null };
  }

  @Get('calculation')
  @Roles(...BENEFIT_READERS)
  @ApiOperation({
    summary: 'The monthly amount of a rule for a month, explained (rate, coefficient, legal basis, period)',
  })
  @ApiOkResponse({ type: AmountExplanationObject })
  async calculate(@Query() q: CalculationArgs): Promise<AmountExplanationObject> {
    return toExplanation(
      await this.rules.calculate({
        scheme: q.scheme as BenefitScheme,
        ruleKey: q.ruleKey,
        ruleTable: q.ruleTable as MeritTable | undefined,
        month: monthParam(q.month),
        children: q.children,
        unitId: q.unitId,
      }),
    );
  }

  @Get('statistics/coverage')
  @Roles(...BENEFIT_READERS)
  @Scopes('reports:read')
  @ApiOperation({ summary: 'People with a payment account / people eligible, per group and unit, on a date' })
  @ApiOkResponse({ type: CoverageObject })
  async coverage(
    @CurrentActor() actor: Actor | undefined,
    @Query() q: CoverageArgs,
  ): Promise<CoverageObject> {
    return toCoverageObject(await this.statistics.coverage(actor, q));
  }

  @Get('statistics/paid-through-accounts')
  @Roles(...BENEFIT_READERS)
  @Scopes('reports:read')
  @ApiOperation({
    summary: 'People paid through accounts and the amount in months from..to (and cumulative)',
  })
  @ApiOkResponse({ type: PaidThroughAccountsObject })
  paid(@CurrentActor() actor: Actor | undefined, @Query() q: PaidArgs): Promise<PaidThroughAccountsObject> {
    return this.statistics.paidThroughAccounts(actor, {
      from: monthParam(q.from),
      to: monthParam(q.to),
      unitId: q.unitId,
    });
  }
}
