import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Roles } from 'src/common/auth/auth.decorators';
import { RequestContext } from 'src/common/context/request-context';
import {
  PersonDetailDto,
  PersonPageDto,
  PersonSearchArgs,
  RecordDeathDto,
  RegisterPersonDto,
} from 'src/modules/registry/api/person.dto';
import { RegistryViewService } from 'src/modules/registry/api/registry-view.service';
import {
  DuplicateCandidateDto,
  HouseholdDto,
  StatusCountDto,
  StatusCountsArgs,
  StatusesOnArgs,
  StatusPeriodDto,
} from 'src/modules/registry/api/status.dto';
import { VitalEventsService } from 'src/modules/registry/people/vital-events.service';
import { DedupService } from 'src/modules/registry/quality/dedup.service';
import { StatusQueriesService } from 'src/modules/registry/statuses/status-queries.service';

const WRITERS = ['ADMIN', 'DATA_OFFICER', 'SPECIALIST'] as const;

/** Staff GraphQL over the registry. Lists mask the CCCD; `registryPerson` shows it and is audited. */
@Resolver()
export class RegistryResolver {
  constructor(
    private readonly view: RegistryViewService,
    private readonly queries: StatusQueriesService,
    private readonly dedup: DedupService,
    private readonly vital: VitalEventsService,
  ) {}

  /** Both records must be in the caller's scope (a merged-away record is checked through its own unit). */
  private async assertPeopleInScope(ids: string[]): Promise<void> {
    for (const id of ids) await this.view.personSummary(id);
  }

  @Query(() => PersonPageDto, {
    description: 'Search people by name (diacritic-insensitive), CCCD, household code, unit',
  })
  registryPeople(@Args() args: PersonSearchArgs): Promise<PersonPageDto> {
    return this.view.search(args);
  }

  @Query(() => PersonDetailDto, {
    description: 'One person in full, with statuses; audited as a personal-data view',
  })
  registryPerson(@Args('id', { type: () => ID }) id: string): Promise<PersonDetailDto> {
    return this.view.person(id);
  }

  @Query(() => [StatusPeriodDto], { description: "A person's own status periods, oldest first" })
  async registryPersonStatuses(@Args('id', { type: () => ID }) id: string): Promise<StatusPeriodDto[]> {
    await this.view.personSummary(id);
    return this.queries.personHistory(id);
  }

  @Query(() => HouseholdDto, {
    description: 'A household by id or code, with members over time, reviews and statuses',
  })
  async registryHousehold(
    @Args('id', { type: () => ID, nullable: true }) id?: string,
    @Args('code', { nullable: true }) code?: string,
  ): Promise<HouseholdDto> {
    const h = await this.queries.householdHistory(RequestContext.actor(), { id, code });
    return { ...h.household, members: h.members, reviews: h.reviews, statuses: h.statuses };
  }

  @Query(() => [StatusPeriodDto], { description: 'Who held which status on a date' })
  registryStatusesOn(@Args() args: StatusesOnArgs): Promise<StatusPeriodDto[]> {
    return this.queries.heldOn(RequestContext.actor(), args);
  }

  @Query(() => [StatusCountDto], {
    description: 'Counts by status and unit on a date, units of the era given',
  })
  registryStatusCounts(@Args() args: StatusCountsArgs): Promise<StatusCountDto[]> {
    return this.queries.countsOn(RequestContext.actor(), args);
  }

  @Query(() => [DuplicateCandidateDto], { description: 'Open duplicate candidates in my scope' })
  @Roles(...WRITERS)
  registryDuplicateCandidates(
    @Args('first', { type: () => Int, nullable: true }) first?: number,
  ): Promise<DuplicateCandidateDto[]> {
    return this.dedup.openCandidates(RequestContext.actor(), Math.min(first ?? 100, 500));
  }

  @Mutation(() => PersonDetailDto)
  @Roles(...WRITERS)
  registerPerson(@Args('input') input: RegisterPersonDto): Promise<PersonDetailDto> {
    return this.view.register(input, 'MANUAL');
  }

  @Mutation(() => [StatusPeriodDto], {
    description: 'Records a death: ends active statuses from that date, opens a review task',
  })
  @Roles(...WRITERS)
  async recordDeath(
    @Args('personId', { type: () => ID }) personId: string,
    @Args('input') input: RecordDeathDto,
  ): Promise<StatusPeriodDto[]> {
    await this.view.personSummary(personId);
    await this.vital.recordDeath(personId, input.deathDate, { source: input.source, ref: input.sourceRef });
    return this.queries.personHistory(personId);
  }

  @Mutation(() => Int, { description: 'Queues new duplicate candidates; returns how many' })
  @Roles(...WRITERS)
  scanDuplicates(@Args('unitId', { type: () => ID, nullable: true }) unitId?: string): Promise<number> {
    return this.dedup.scan({ unitId });
  }

  @Mutation(() => ID, { description: 'Merges a candidate pair; returns the merge id (undoable)' })
  @Roles(...WRITERS)
  async mergePeople(
    @Args('candidateId', { type: () => ID }) candidateId: string,
    @Args('survivorId', { type: () => ID }) survivorId: string,
    @Args('mergedId', { type: () => ID }) mergedId: string,
  ): Promise<string> {
    await this.assertPeopleInScope([survivorId, mergedId]);
    return this.dedup.merge({ candidateId, survivorId, mergedId });
  }

  @Mutation(() => Boolean)
  @Roles(...WRITERS)
  async undoMerge(@Args('mergeId', { type: () => ID }) mergeId: string): Promise<boolean> {
    await this.assertPeopleInScope(await this.dedup.mergePeople(mergeId));
    await this.dedup.undoMerge(mergeId);
    return true;
  }

  @Mutation(() => Boolean)
  @Roles(...WRITERS)
  async markNotDuplicate(@Args('candidateId', { type: () => ID }) candidateId: string): Promise<boolean> {
    await this.assertPeopleInScope(await this.dedup.candidatePeople(candidateId));
    await this.dedup.markNotDuplicate(candidateId);
    return true;
  }
}
