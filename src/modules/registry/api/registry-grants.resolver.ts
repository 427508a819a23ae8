import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Roles } from 'src/common/auth/auth.decorators';
import { RequestContext } from 'src/common/context/request-context';
import { AccessScopeService } from 'src/modules/organisation/units/access-scope.service';
import {
  AddMemberInput,
  CreateHouseholdInput,
  DecisionInput,
  GrantMeritInput,
  GrantPovertyInput,
  GrantSocialProtectionInput,
  PovertyClassificationDto,
  PovertyReviewInput,
  ProvenanceInput,
  ReviewTaskDto,
  SocialProtectionGroupDto,
  VerificationDto,
} from 'src/modules/registry/api/grant.dto';
import { RegistryViewService } from 'src/modules/registry/api/registry-view.service';
import { HouseholdDto, MembershipDto } from 'src/modules/registry/api/status.dto';
import { HouseholdsService } from 'src/modules/registry/households/households.service';
import { VitalEventsService } from 'src/modules/registry/people/vital-events.service';
import { DataQualityService } from 'src/modules/registry/quality/data-quality.service';
import type { Provenance } from 'src/modules/registry/registry.types';
import { StatusQueriesService } from 'src/modules/registry/statuses/status-queries.service';
import { StatusesService } from 'src/modules/registry/statuses/statuses.service';

const WRITERS = ['ADMIN', 'DATA_OFFICER', 'SPECIALIST'] as const;
const prov = (p?: ProvenanceInput): Provenance => ({ source: p?.source ?? 'MANUAL', ref: p?.ref });

/** Staff mutations that record households and decision-backed statuses; scope is checked on the subject. */
@Resolver()
export class RegistryGrantsResolver {
  constructor(
    private readonly view: RegistryViewService,
    private readonly households: HouseholdsService,
    private readonly statuses: StatusesService,
    private readonly queries: StatusQueriesService,
    private readonly vital: VitalEventsService,
    private readonly quality: DataQualityService,
    private readonly scope: AccessScopeService,
  ) {}

  private async household(id: string): Promise<HouseholdDto> {
    const h = await this.queries.householdHistory(RequestContext.actor(), { id });
    return { ...h.household, members: h.members, reviews: h.reviews, statuses: h.statuses };
  }

  @Mutation(() => HouseholdDto)
  @Roles(...WRITERS)
  async createHousehold(
    @Args('input') input: CreateHouseholdInput,
    @Args('provenance', { nullable: true }) provenance?: ProvenanceInput,
  ): Promise<HouseholdDto> {
    if (input.residenceUnitId)
      await this.scope.assertUnitInScope(RequestContext.actor(), input.residenceUnitId);
    const h = await this.households.create(input, prov(provenance));
    return this.household(h.id);
  }

  @Mutation(() => MembershipDto)
  @Roles(...WRITERS)
  async addHouseholdMember(
    @Args('input') input: AddMemberInput,
    @Args('provenance', { nullable: true }) provenance?: ProvenanceInput,
  ): Promise<MembershipDto> {
    await this.household(input.householdId);
    await this.view.personSummary(input.personId);
    return this.households.addMember(input, prov(provenance));
  }

  @Mutation(() => PovertyClassificationDto, {
    description: 'Records a review and classifies it by the standard of the year',
  })
  @Roles(...WRITERS)
  async recordPovertyReview(
    @Args('householdId', { type: () => ID }) householdId: string,
    @Args('input') input: PovertyReviewInput,
    @Args('provenance', { nullable: true }) provenance?: ProvenanceInput,
  ): Promise<PovertyClassificationDto> {
    await this.household(householdId);
    return this.statuses.recordPovertyReview(householdId, input, prov(provenance));
  }

  @Mutation(() => HouseholdDto)
  @Roles(...WRITERS)
  async grantPovertyStatus(
    @Args('input') input: GrantPovertyInput,
    @Args('provenance', { nullable: true }) provenance?: ProvenanceInput,
  ): Promise<HouseholdDto> {
    await this.household(input.householdId);
    await this.statuses.grantPovertyStatus(input.householdId, input, prov(provenance));
    return this.household(input.householdId);
  }

  @Mutation(() => ID)
  @Roles(...WRITERS)
  async grantMerit(
    @Args('input') input: GrantMeritInput,
    @Args('provenance', { nullable: true }) provenance?: ProvenanceInput,
  ): Promise<string> {
    await this.view.personSummary(input.personId);
    return this.statuses.grantMerit(input.personId, input, prov(provenance));
  }

  @Mutation(() => SocialProtectionGroupDto)
  @Roles(...WRITERS)
  async grantSocialProtection(
    @Args('input') input: GrantSocialProtectionInput,
    @Args('provenance', { nullable: true }) provenance?: ProvenanceInput,
  ): Promise<SocialProtectionGroupDto> {
    await this.view.personSummary(input.personId);
    const { group } = await this.statuses.grantSocialProtection(input.personId, input, prov(provenance));
    return {
      date: group.date,
      age: group.age,
      bandCodes: group.payable.map((e) => e.bandCode),
      coefficient: group.coefficient,
      explanation: group.explanation,
    };
  }

  @Query(() => SocialProtectionGroupDto, {
    nullable: true,
    description: 'Group and coefficient in force on a date',
  })
  async registrySocialProtectionGroup(
    @Args('personId', { type: () => ID }) personId: string,
    @Args('date') date: string,
  ): Promise<SocialProtectionGroupDto | null> {
    await this.view.personSummary(personId);
    const g = await this.statuses.socialProtectionGroupOn(personId, date);
    return (
      g && {
        date: g.date,
        age: g.age,
        bandCodes: g.payable.map((e) => e.bandCode),
        coefficient: g.coefficient,
        explanation: g.explanation,
      }
    );
  }

  @Mutation(() => ID)
  @Roles(...WRITERS)
  async grantSocialPension(
    @Args('personId', { type: () => ID }) personId: string,
    @Args('validFrom') validFrom: string,
    @Args('decision') decision: DecisionInput,
  ): Promise<string> {
    await this.view.personSummary(personId);
    return this.statuses.grantSocialPension(personId, { validFrom, decision }, { source: 'MANUAL' });
  }

  @Mutation(() => VerificationDto, {
    description: 'Checks the record against the national population database',
  })
  @Roles(...WRITERS)
  async verifyPerson(@Args('personId', { type: () => ID }) personId: string): Promise<VerificationDto> {
    await this.view.personSummary(personId);
    return this.quality.verify(personId);
  }

  @Query(() => [ReviewTaskDto], {
    description: 'Open review tasks (deaths recorded, verification mismatches)',
  })
  @Roles(...WRITERS)
  async registryReviewTasks(
    @Args('personId', { type: () => ID, nullable: true }) personId?: string,
  ): Promise<ReviewTaskDto[]> {
    if (personId) await this.view.personSummary(personId);
    const tasks = await this.vital.openReviewTasks(personId);
    return tasks.map((t) => ({
      id: t.id,
      kind: t.kind,
      personId: t.personId,
      details: JSON.stringify(t.details),
    }));
  }

  @Mutation(() => Boolean)
  @Roles(...WRITERS)
  async closeRegistryReviewTask(@Args('id', { type: () => ID }) id: string): Promise<boolean> {
    await this.view.personSummary(await this.vital.reviewTaskPerson(id));
    await this.vital.closeReviewTask(id);
    return true;
  }
}
