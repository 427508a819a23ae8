import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from 'src/common/context/request-context';
import { AccessScopeService, scopeParam } from 'src/modules/organisation/units/access-scope.service';
import {
  HouseholdsService,
  type HouseholdRecord,
  type MembershipRecord,
} from 'src/modules/registry/households/households.service';
import { d } from 'src/modules/registry/registry.types';
import {
  STATUS_COLUMNS,
  type StatusKind,
  type StatusPeriod,
} from 'src/modules/registry/statuses/status.model';

export interface StatusCount {
  unitId: string;
  kind: StatusKind;
  value: string;
  count: number;
  /** Some subjects were attributed through a PARTIAL succession link (or new → old), so the unit is approximate. */
  approximate: boolean;
}

export interface PovertyReviewRecord {
  id: string;
  year: number;
  reviewType: string;
  area: string;
  incomePerCapita: number;
  deprivations: string[];
  standardCode: string;
  classification: string;
  explanation: string;
  reviewedOn: string;
}

export interface HouseholdHistory {
  household: HouseholdRecord;
  members: MembershipRecord[];
  reviews: PovertyReviewRecord[];
  statuses: StatusPeriod[];
}

/** Read side of statuses: on a date, counts by unit (succession map applied), histories. Scope is in the SQL. */
@Injectable()
export class StatusQueriesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: AccessScopeService,
    private readonly households: HouseholdsService,
  ) {}

  /** Who held which status on `date` (optionally one kind, one person or one household). */
  async heldOn(
    actor: Actor | undefined,
    filter: { date: string; kind?: StatusKind; personId?: string; householdId?: string; limit?: number },
  ): Promise<StatusPeriod[]> {
    const units = scopeParam(await this.scope.unitScope(actor));
    return this.dataSource.query<StatusPeriod[]>(
      `select ${STATUS_COLUMNS} from registry_status_periods v
       where daterange(v.valid_from, v.valid_to, '[)') @> $1::date
         and ($2::text is null or v.kind = $2) and ($3::uuid is null or v.person_id = $3)
         and ($4::uuid is null or v.household_id = $4) and ($5::uuid[] is null or v.unit_id = any($5))
       order by v.kind, v.valid_from, v.id limit $6`,
      [
        filter.date,
        filter.kind ?? null,
        filter.personId ?? null,
        filter.householdId ?? null,
        units,
        filter.limit ?? 500,
      ],
    );
  }

  /** Every status period of a person (their own statuses), oldest first. */
  async personHistory(personId: string): Promise<StatusPeriod[]> {
    return this.dataSource.query<StatusPeriod[]>(
      `select ${STATUS_COLUMNS} from registry_status_periods v where v.person_id = $1 order by v.valid_from, v.kind`,
      [personId],
    );
  }

  /**
   * Counts of statuses held on `date` by unit of `era`. A subject filed under a unit of the other era is attributed
   * through the succession map: old → new prefers a FULL link (else the first PARTIAL one, flagged approximate);
   * new → old is always flagged approximate (a merged commune has several predecessors).
   */
  async countsOn(
    actor: Actor | undefined,
    input: { date: string; era: 'PRE_2025' | 'POST_2025'; kind?: StatusKind },
  ): Promise<StatusCount[]> {
    const units = scopeParam(await this.scope.unitScope(actor));
    return this.dataSource.query<StatusCount[]>(
      `with held as (
         select v.kind, v.value, v.unit_id from registry_status_periods v
         where daterange(v.valid_from, v.valid_to, '[)') @> $1::date and v.unit_id is not null
           and ($3::text is null or v.kind = $3) and ($4::uuid[] is null or v.unit_id = any($4))
       ),
       mapped as (
         select h.kind, h.value, case when u.era = $2 then h.unit_id else t.target_id end as unit_id,
                coalesce(t.approximate, false) as approximate
         from held h join admin_units u on u.id = h.unit_id
         left join lateral (
           select s.new_unit_id as target_id, s.coverage = 'PARTIAL' as approximate
             from admin_unit_successions s join admin_units n on n.id = s.new_unit_id
            where u.era = 'PRE_2025' and $2 = 'POST_2025' and s.old_unit_id = h.unit_id
           union all
           select s.old_unit_id, true
             from admin_unit_successions s join admin_units o on o.id = s.old_unit_id
            where u.era = 'POST_2025' and $2 = 'PRE_2025' and s.new_unit_id = h.unit_id
           order by 2, 1
           limit 1
         ) t on u.era <> $2
       )
       select unit_id as "unitId", kind, value, count(*)::int as count, bool_or(approximate) as approximate
       from mapped where unit_id is not null group by unit_id, kind, value order by unit_id, kind, value`,
      [input.date, input.era, input.kind ?? null, units],
    );
  }

  /** A household's members over time, its poverty reviews and status periods. */
  async householdHistory(
    actor: Actor | undefined,
    ref: { id?: string; code?: string },
  ): Promise<HouseholdHistory> {
    const household = await this.households.getForActor(actor, ref);
    const [members, reviews, statuses] = await Promise.all([
      this.households.members(household.id),
      this.dataSource.query<PovertyReviewRecord[]>(
        `select id, year, review_type as "reviewType", area, income_per_capita::float8 as "incomePerCapita",
           deprivations, standard_code as "standardCode", classification, explanation, ${d('reviewed_on')} as "reviewedOn"
         from registry_poverty_reviews where household_id = $1 order by year, reviewed_on`,
        [household.id],
      ),
      this.dataSource.query<StatusPeriod[]>(
        `select ${STATUS_COLUMNS} from registry_status_periods v where v.household_id = $1 order by v.valid_from`,
        [household.id],
      ),
    ]);
    return { household, members, reviews, statuses };
  }
}
