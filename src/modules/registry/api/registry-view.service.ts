import { Injectable } from '@nestjs/common';
import { RequestContext } from 'src/common/context/request-context';
import {
  toDetail,
  toSummary,
  type PersonDetailDto,
  type PersonPageDto,
  type PersonSummaryDto,
  type RegisterPersonDto,
} from 'src/modules/registry/api/person.dto';
import { AccessScopeService } from 'src/modules/organisation/units/access-scope.service';
import { PeopleService } from 'src/modules/registry/people/people.service';
import {
  RegistrySearchService,
  type PersonSearch,
} from 'src/modules/registry/people/registry-search.service';
import { DataQualityService } from 'src/modules/registry/quality/data-quality.service';
import type { RecordSource } from 'src/modules/registry/registry.types';

/** Maps registry records to API shapes (masking in lists, full and audited on single reads); shared by REST and GraphQL. */
@Injectable()
export class RegistryViewService {
  constructor(
    private readonly people: PeopleService,
    private readonly searchService: RegistrySearchService,
    private readonly quality: DataQualityService,
    private readonly scope: AccessScopeService,
  ) {}

  async search(q: PersonSearch): Promise<PersonPageDto> {
    const page = await this.searchService.search(RequestContext.actor(), q);
    return {
      items: page.items.map((p) => toSummary(p, this.quality.isStale(p))),
      nextCursor: page.nextCursor,
    };
  }

  /** Scoped, masked: for checks and for list-like reads. */
  async personSummary(id: string): Promise<PersonSummaryDto> {
    const p = await this.people.getForActor(RequestContext.actor(), id);
    return toSummary(p, this.quality.isStale(p));
  }

  /** Scoped, full, audited. */
  async person(id: string): Promise<PersonDetailDto> {
    const p = await this.people.viewPersonalData(RequestContext.actor(), id);
    return toDetail(p, this.quality.isStale(p), await this.quality.completeness(id));
  }

  async register(input: RegisterPersonDto, defaultSource: RecordSource): Promise<PersonDetailDto> {
    const { source, sourceRef, ...person } = input;
    if (person.residenceUnitId)
      await this.scope.assertUnitInScope(RequestContext.actor(), person.residenceUnitId);
    const p = await this.people.register(person, { source: source ?? defaultSource, ref: sourceRef });
    return toDetail(p, false, await this.quality.completeness(p.id));
  }

  async intake(
    input: RegisterPersonDto,
    defaultSource: RecordSource,
  ): Promise<{ person: PersonSummaryDto; created: boolean }> {
    const { source, sourceRef, ...person } = input;
    if (person.residenceUnitId)
      await this.scope.assertUnitInScope(RequestContext.actor(), person.residenceUnitId);
    const r = await this.people.upsertByCccd(person, { source: source ?? defaultSource, ref: sourceRef });
    return { person: toSummary(r.person, false), created: r.created };
  }
}
