import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentActor, Roles, Scopes } from 'src/common/auth/auth.decorators';
import type { Actor } from 'src/common/context/request-context';
import {
  PaymentAccountsService,
  type AccountMethod,
} from 'src/modules/benefits/accounts/payment-accounts.service';
import {
  cycleListFilter,
  deathRegistrationFilter,
  lineListFilter,
  monthParam,
  page,
  toComputeResult,
  toCoverageObject,
  toExplanation,
  uuidParam,
} from 'src/modules/benefits/api/benefit.mappers';
import {
  ApproveCycleInput,
  CalculationArgs,
  ComputeCycleInput,
  CoverageArgs,
  CreateEntitlementInput,
  CycleListArgs,
  DeathRegistrationListArgs,
  LineListArgs,
  PaidArgs,
  RegisterAccountInput,
} from 'src/modules/benefits/api/benefit.inputs';
import {
  AmountExplanationObject,
  ComputeResultObject,
  CoverageObject,
  CycleObject,
  CyclePageObject,
  DeathRegistrationPageObject,
  EntitlementObject,
  LinePageObject,
  PaidThroughAccountsObject,
  PaymentAccountObject,
} from 'src/modules/benefits/api/benefit.objects';
import { BENEFIT_APPROVERS, BENEFIT_PREPARERS, BENEFIT_READERS } from 'src/modules/benefits/api/roles';
import { PaymentCyclesService } from 'src/modules/benefits/cycles/payment-cycles.service';
import type { BenefitScheme, MeritTable } from 'src/modules/benefits/domain/rules.model';
import { DeathRegistrationsService } from 'src/modules/benefits/deaths/death-registrations.service';
import { EntitlementsService } from 'src/modules/benefits/entitlements/entitlements.service';
import { RulesService } from 'src/modules/benefits/rules/rules.service';
import { PaymentStatisticsService } from 'src/modules/benefits/statistics/payment-statistics.service';

/** Benefits over GraphQL: the same services and rules as REST (files stay on REST). Scoped by unit. */
@Resolver()
export class BenefitsResolver {
  constructor(
    private readonly cycles: PaymentCyclesService,
    private readonly entitlements: EntitlementsService,
    private readonly accounts: PaymentAccountsService,
    private readonly rules: RulesService,
    private readonly statistics: PaymentStatisticsService,
    private readonly deaths: DeathRegistrationsService,
  ) {}

  @Roles(...BENEFIT_READERS)
  @Query(() => AmountExplanationObject, { description: 'A monthly amount with its explanation' })
  async allowanceCalculation(@Args() q: CalculationArgs): Promise<AmountExplanationObject> {
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

  @Roles(...BENEFIT_READERS)
  @Query(() => CyclePageObject)
  async paymentCycles(
    @CurrentActor() actor: Actor | undefined,
    @Args() q: CycleListArgs,
  ): Promise<CyclePageObject> {
    const filter = cycleListFilter(q);
    return page(await this.cycles.list(actor, filter), filter.limit, (c) => c.id);
  }

  @Roles(...BENEFIT_READERS)
  @Query(() => CycleObject)
  paymentCycle(@CurrentActor() actor: Actor | undefined, @Args('id') id: string): Promise<CycleObject> {
    return this.cycles.getForActor(actor, uuidParam(id, 'BENEFIT_CYCLE_NOT_FOUND'));
  }

  @Roles(...BENEFIT_READERS)
  @Query(() => LinePageObject)
  async paymentCycleLines(
    @CurrentActor() actor: Actor | undefined,
    @Args('cycleId') cycleId: string,
    @Args() q: LineListArgs,
  ): Promise<LinePageObject> {
    const filter = lineListFilter(q);
    const items = await this.cycles.lines(actor, uuidParam(cycleId, 'BENEFIT_CYCLE_NOT_FOUND'), filter);
    return page(items, filter.limit, (l) => String(l.lineNo));
  }

  @Roles(...BENEFIT_READERS)
  @Query(() => DeathRegistrationPageObject, {
    description: 'Death-registration dossiers (liên thông khai tử): funeral support granted, or why not',
  })
  async deathRegistrationOutcomes(
    @CurrentActor() actor: Actor | undefined,
    @Args() q: DeathRegistrationListArgs,
  ): Promise<DeathRegistrationPageObject> {
    const filter = deathRegistrationFilter(q);
    return page(await this.deaths.list(actor, filter), filter.limit, (r) => r.id);
  }

  @Roles(...BENEFIT_READERS)
  @Scopes('reports:read')
  @Query(() => CoverageObject, { description: 'Accounts / eligible per group and unit on a date' })
  async paymentCoverage(
    @CurrentActor() actor: Actor | undefined,
    @Args() q: CoverageArgs,
  ): Promise<CoverageObject> {
    return toCoverageObject(await this.statistics.coverage(actor, q));
  }

  @Roles(...BENEFIT_READERS)
  @Scopes('reports:read')
  @Query(() => PaidThroughAccountsObject)
  paidThroughAccounts(
    @CurrentActor() actor: Actor | undefined,
    @Args() q: PaidArgs,
  ): Promise<PaidThroughAccountsObject> {
    return this.statistics.paidThroughAccounts(actor, {
      from: monthParam(q.from),
      to: monthParam(q.to),
      unitId: q.unitId,
    });
  }

  @Roles(...BENEFIT_READERS)
  @Query(() => [PaymentAccountObject], { description: 'A person’s accounts, masked' })
  paymentAccounts(
    @CurrentActor() actor: Actor | undefined,
    @Args('personId') personId: string,
  ): Promise<PaymentAccountObject[]> {
    return this.accounts.listForPerson(actor, uuidParam(personId, 'BENEFIT_ACCOUNT_NOT_FOUND'));
  }

  @Roles(...BENEFIT_PREPARERS)
  @Mutation(() => ComputeResultObject, { description: 'Compute or recompute a DRAFT cycle (DATA_OFFICER)' })
  async computePaymentCycle(
    @CurrentActor() actor: Actor | undefined,
    @Args('input') input: ComputeCycleInput,
  ): Promise<ComputeResultObject> {
    return toComputeResult(
      await this.cycles.compute(actor, { unitId: input.unitId, period: monthParam(input.period) }),
    );
  }

  @Roles(...BENEFIT_APPROVERS)
  @Mutation(() => CycleObject, { description: 'Approve a cycle against control totals (LEADER)' })
  approvePaymentCycle(
    @CurrentActor() actor: Actor | undefined,
    @Args('id') id: string,
    @Args('input') input: ApproveCycleInput,
  ): Promise<CycleObject> {
    return this.cycles.approve(actor, uuidParam(id, 'BENEFIT_CYCLE_NOT_FOUND'), input);
  }

  @Roles(...BENEFIT_PREPARERS)
  @Mutation(() => EntitlementObject)
  createEntitlement(
    @CurrentActor() actor: Actor | undefined,
    @Args('input') input: CreateEntitlementInput,
  ): Promise<EntitlementObject> {
    return this.entitlements.create(actor, {
      ...input,
      ruleTable: input.ruleTable as MeritTable | undefined,
    });
  }

  @Roles(...BENEFIT_PREPARERS)
  @Mutation(() => PaymentAccountObject)
  registerPaymentAccount(
    @CurrentActor() actor: Actor | undefined,
    @Args('input') input: RegisterAccountInput,
  ): Promise<PaymentAccountObject> {
    return this.accounts.register(actor, { ...input, method: input.method as AccountMethod });
  }
}
