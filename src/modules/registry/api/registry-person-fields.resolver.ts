import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { PersonDetailDto } from 'src/modules/registry/api/person.dto';
import { MembershipDto, StatusPeriodDto } from 'src/modules/registry/api/status.dto';
import { HouseholdsService } from 'src/modules/registry/households/households.service';
import { StatusQueriesService } from 'src/modules/registry/statuses/status-queries.service';

/** History fields of the single-person view (the parent was already scope-checked and audited). */
@Resolver(() => PersonDetailDto)
export class RegistryPersonFieldsResolver {
  constructor(
    private readonly queries: StatusQueriesService,
    private readonly households: HouseholdsService,
  ) {}

  @ResolveField(() => [StatusPeriodDto], { description: "The person's own status periods, oldest first" })
  statuses(@Parent() person: PersonDetailDto): Promise<StatusPeriodDto[]> {
    return this.queries.personHistory(person.id);
  }

  @ResolveField(() => [MembershipDto], { description: 'Household memberships over time' })
  memberships(@Parent() person: PersonDetailDto): Promise<MembershipDto[]> {
    return this.households.membershipsOfPerson(person.id);
  }
}
