import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainException } from 'src/common/errors/domain.exception';
import { AuditService } from 'src/modules/audit/audit.service';
import { parseBirthDate } from 'src/modules/registry/domain/birth-date';
import {
  classifyHousehold,
  type PovertyClass,
  type PovertyClassification,
} from 'src/modules/registry/domain/poverty-classification';
import type { LivingArea } from 'src/modules/registry/domain/poverty-standards.data';
import { socialPensionEligibility } from 'src/modules/registry/domain/social-pension';
import {
  groupOnDate,
  type GroupOnDate,
  type SocialProtectionProfile,
} from 'src/modules/registry/domain/social-protection';
import type {
  DisabilityLevel,
  SocialProtectionBasis,
} from 'src/modules/registry/domain/social-protection.data';
import { mapConstraint } from 'src/modules/registry/registry-db-errors';
import {
  actorName,
  d,
  type DecisionRef,
  type Provenance,
  updateReturning,
} from 'src/modules/registry/registry.types';
import { PovertyStandardsService } from 'src/modules/registry/statuses/poverty-standards.service';
import {
  STATUS_TABLES,
  type MeritCategory,
  type MeritRelationship,
  type StatusEndReason,
  type StatusKind,
} from 'src/modules/registry/statuses/status.model';

export interface PovertyReviewInput {
  year: number;
  reviewType: 'ANNUAL' | 'REGULAR';
  area: LivingArea;
  incomePerCapita: number;
  deprivations: string[];
  agricultureForestryFishery: boolean;
  reviewedOn: string;
}

export interface SocialProtectionInput {
  bases: SocialProtectionBasis[];
  disabilityLevel?: DisabilityLevel | null;
  studying?: boolean;
  childrenRaised?: number | null;
}

const DECISION_COLS =
  'valid_from, decision_number, decision_date, decision_signer, dossier_id, source, source_ref, created_by';

/**
 * Grants and ends statuses. Every status has a [valid_from, valid_to) period and the decision behind it; a status
 * that must not overlap (poverty per household, social protection and social pension per person) is guarded by an
 * exclusion constraint, and a new poverty status supersedes the open one.
 */
@Injectable()
export class StatusesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly standards: PovertyStandardsService,
  ) {}

  private decisionParams(validFrom: string, decision: DecisionRef, provenance: Provenance): unknown[] {
    return [
      validFrom,
      decision.number,
      decision.date,
      decision.signer,
      decision.dossierId ?? null,
      provenance.source,
      provenance.ref ?? null,
      actorName(),
    ];
  }

  private async assertAlive(
    m: EntityManager,
    personId: string,
    onDate: string,
  ): Promise<{ birth: string; receivesPension: boolean }> {
    const [p] = await m.query<Array<{ birth: string; death: string | null; receivesPension: boolean }>>(
      `select coalesce(${d('birth_date')}, birth_year::text) as birth, ${d('death_date')} as death,
         receives_pension as "receivesPension"
       from registry_people where id = $1 and merged_into_id is null`,
      [personId],
    );
    if (!p) throw new DomainException('PERSON_NOT_FOUND');
    if (p.death && p.death <= onDate) throw new DomainException('PERSON_DECEASED');
    return p;
  }

  /** Records a household's review (annual or regular) and its classification by the standard of that year. */
  async recordPovertyReview(
    householdId: string,
    input: PovertyReviewInput,
    provenance: Provenance,
  ): Promise<{ reviewId: string } & PovertyClassification> {
    const result = classifyHousehold(await this.standards.standards(), input);
    return this.dataSource.transaction(async (m) => {
      const [row] = await mapConstraint(
        () =>
          m.query<Array<{ id: string }>>(
            `insert into registry_poverty_reviews (household_id, year, review_type, area, income_per_capita,
               deprivations, agriculture_forestry_fishery, standard_code, classification, explanation, reviewed_on,
               source, source_ref, created_by)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) returning id`,
            [
              householdId,
              input.year,
              input.reviewType,
              input.area,
              input.incomePerCapita,
              input.deprivations,
              input.agricultureForestryFishery,
              result.standardCode,
              result.classification,
              result.explanation,
              input.reviewedOn,
              provenance.source,
              provenance.ref ?? null,
              actorName(),
            ],
          ),
        { registry_poverty_reviews_annual_key: 'CONFLICT' },
      );
      await this.audit.record(
        {
          action: 'POVERTY_REVIEW',
          entityType: 'registry_household',
          entityId: householdId,
          after: { year: input.year, classification: result.classification },
        },
        m,
      );
      return { reviewId: row.id, ...result };
    });
  }

  /**
   * Grants a poverty status from a decision (optionally the review it follows). The open status of the household
   * ends the day before (SUPERSEDED). NOT_POOR grants nothing: it only ends the open status.
   */
  async grantPovertyStatus(
    householdId: string,
    input: {
      classification: PovertyClass;
      reviewId?: string | null;
      validFrom: string;
      decision: DecisionRef;
    },
    provenance: Provenance,
  ): Promise<string | null> {
    return this.dataSource.transaction(async (m) => {
      await m.query(
        `update registry_poverty_statuses set valid_to = $2, end_reason = 'SUPERSEDED', end_decision_number = $3,
           end_decision_date = $4, ended_at = now()
         where household_id = $1 and valid_from < $2 and (valid_to is null or valid_to > $2)`,
        [householdId, input.validFrom, input.decision.number, input.decision.date],
      );
      let id: string | null = null;
      if (input.classification !== 'NOT_POOR') {
        const [row] = await mapConstraint(
          () =>
            m.query<Array<{ id: string }>>(
              `insert into registry_poverty_statuses (household_id, classification, review_id, ${DECISION_COLS})
               values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id`,
              [
                householdId,
                input.classification,
                input.reviewId ?? null,
                ...this.decisionParams(input.validFrom, input.decision, provenance),
              ],
            ),
          { registry_poverty_statuses_no_overlap: 'STATUS_OVERLAP' },
        );
        id = row.id;
      }
      await this.audit.record(
        {
          action: 'GRANT_POVERTY_STATUS',
          entityType: 'registry_household',
          entityId: householdId,
          after: {
            classification: input.classification,
            validFrom: input.validFrom,
            decision: input.decision.number,
          },
        },
        m,
      );
      return id;
    });
  }

  async grantMerit(
    personId: string,
    input: {
      category: MeritCategory;
      injuryRate?: number | null;
      archiveCode?: string | null;
      validFrom: string;
      decision: DecisionRef;
    },
    provenance: Provenance,
  ): Promise<string> {
    return this.dataSource.transaction(async (m) => {
      const [row] = await m.query<Array<{ id: string }>>(
        `insert into registry_merit_profiles (person_id, category, injury_rate, archive_code, ${DECISION_COLS})
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) returning id`,
        [
          personId,
          input.category,
          input.injuryRate ?? null,
          input.archiveCode ?? null,
          ...this.decisionParams(input.validFrom, input.decision, provenance),
        ],
      );
      await this.audit.record(
        {
          action: 'GRANT_MERIT',
          entityType: 'registry_person',
          entityId: personId,
          after: { category: input.category, injuryRate: input.injuryRate, decision: input.decision.number },
        },
        m,
      );
      return row.id;
    });
  }

  async addMeritRelative(
    meritProfileId: string,
    input: { personId: string; relationship: MeritRelationship; validFrom: string; decision: DecisionRef },
    provenance: Provenance,
  ): Promise<string> {
    return this.dataSource.transaction(async (m) => {
      await this.assertAlive(m, input.personId, input.validFrom);
      const [row] = await m.query<Array<{ id: string }>>(
        `insert into registry_merit_relatives (merit_profile_id, person_id, relationship, ${DECISION_COLS})
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id`,
        [
          meritProfileId,
          input.personId,
          input.relationship,
          ...this.decisionParams(input.validFrom, input.decision, provenance),
        ],
      );
      await this.audit.record(
        {
          action: 'GRANT_MERIT_RELATIVE',
          entityType: 'registry_person',
          entityId: input.personId,
          after: { meritProfileId, relationship: input.relationship, decision: input.decision.number },
        },
        m,
      );
      return row.id;
    });
  }

  /** Grants a social-protection subject status; the group and coefficient are derived on valid_from. */
  async grantSocialProtection(
    personId: string,
    input: SocialProtectionInput & { validFrom: string; decision: DecisionRef },
    provenance: Provenance,
  ): Promise<{ id: string; group: GroupOnDate }> {
    return this.dataSource.transaction(async (m) => {
      const person = await this.assertAlive(m, personId, input.validFrom);
      const group = groupOnDate(this.profile(person.birth, input), input.validFrom);
      if (group.payable.length === 0)
        throw new DomainException('SOCIAL_PROTECTION_PROFILE_INVALID', group.explanation);
      const [row] = await mapConstraint(
        () =>
          m.query<Array<{ id: string }>>(
            `insert into registry_social_protection_subjects (person_id, bases, disability_level, studying,
               children_raised, group_code, coefficient, ${DECISION_COLS})
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) returning id`,
            [
              personId,
              input.bases,
              input.disabilityLevel ?? null,
              input.studying ?? false,
              input.childrenRaised ?? null,
              group.payable.map((e) => e.bandCode).join('+'),
              group.coefficient,
              ...this.decisionParams(input.validFrom, input.decision, provenance),
            ],
          ),
        { registry_social_protection_no_overlap: 'STATUS_OVERLAP' },
      );
      await this.audit.record(
        {
          action: 'GRANT_SOCIAL_PROTECTION',
          entityType: 'registry_person',
          entityId: personId,
          after: { bases: input.bases, coefficient: group.coefficient, decision: input.decision.number },
        },
        m,
      );
      return { id: row.id, group };
    });
  }

  profile(birth: string, input: SocialProtectionInput): SocialProtectionProfile {
    return {
      birth: parseBirthDate(birth)!,
      bases: input.bases,
      disabilityLevel: input.disabilityLevel ?? null,
      studying: input.studying ?? false,
      childrenRaised: input.childrenRaised ?? undefined,
    };
  }

  /** The social-protection group in force for a person on a date (derived from the subject status then open). */
  async socialProtectionGroupOn(personId: string, date: string): Promise<GroupOnDate | null> {
    const [row] = await this.dataSource.query<Array<SocialProtectionInput & { birth: string }>>(
      `select s.bases, s.disability_level as "disabilityLevel", s.studying, s.children_raised as "childrenRaised",
         coalesce(${d('p.birth_date')}, p.birth_year::text) as birth
       from registry_social_protection_subjects s join registry_people p on p.id = s.person_id
       where s.person_id = $1 and daterange(s.valid_from, s.valid_to, '[)') @> $2::date`,
      [personId, date],
    );
    return row ? groupOnDate(this.profile(row.birth, row), date) : null;
  }

  /** The poverty class of the household a person belongs to on a date, if any. */
  async householdPovertyOn(
    personId: string,
    date: string,
    manager?: EntityManager,
  ): Promise<PovertyClass | null> {
    const [row] = await (manager ?? this.dataSource.manager).query<Array<{ classification: PovertyClass }>>(
      `select s.classification from registry_household_members hm
         join registry_poverty_statuses s on s.household_id = hm.household_id
       where hm.person_id = $1 and daterange(hm.valid_from, hm.valid_to, '[)') @> $2::date
         and daterange(s.valid_from, s.valid_to, '[)') @> $2::date`,
      [personId, date],
    );
    return row?.classification ?? null;
  }

  /** Grants the social pension after checking eligibility on valid_from (age, household poverty, no pension). */
  async grantSocialPension(
    personId: string,
    input: { validFrom: string; decision: DecisionRef },
    provenance: Provenance,
  ): Promise<string> {
    return this.dataSource.transaction(async (m) => {
      const person = await this.assertAlive(m, personId, input.validFrom);
      const eligibility = socialPensionEligibility({
        birth: parseBirthDate(person.birth)!,
        date: input.validFrom,
        householdPovertyClass: await this.householdPovertyOn(personId, input.validFrom, m),
        receivesPension: person.receivesPension,
      });
      if (!eligibility.eligible)
        throw new DomainException('SOCIAL_PENSION_NOT_ELIGIBLE', eligibility.explanation);
      const [row] = await mapConstraint(
        () =>
          m.query<Array<{ id: string }>>(
            `insert into registry_social_pensions (person_id, ${DECISION_COLS})
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
            [personId, ...this.decisionParams(input.validFrom, input.decision, provenance)],
          ),
        { registry_social_pensions_no_overlap: 'STATUS_OVERLAP' },
      );
      await this.audit.record(
        {
          action: 'GRANT_SOCIAL_PENSION',
          entityType: 'registry_person',
          entityId: personId,
          after: {
            validFrom: input.validFrom,
            decision: input.decision.number,
            why: eligibility.explanation,
          },
        },
        m,
      );
      return row.id;
    });
  }

  /** Ends a status on `validTo` (exclusive) by a decision. */
  async endStatus(
    kind: StatusKind,
    id: string,
    input: {
      validTo: string;
      reason: StatusEndReason;
      decision?: Pick<DecisionRef, 'number' | 'date'> | null;
    },
    manager?: EntityManager,
  ): Promise<void> {
    const run = async (m: EntityManager): Promise<void> => {
      const rows = await updateReturning<{ id: string }>(
        m,
        `update ${STATUS_TABLES[kind]} set valid_to = greatest(valid_from, $2::date), end_reason = $3,
           end_decision_number = $4, end_decision_date = $5, ended_at = now()
         where id = $1 and (valid_to is null or valid_to > $2::date) returning id`,
        [id, input.validTo, input.reason, input.decision?.number ?? null, input.decision?.date ?? null],
      );
      if (rows.length === 0)
        throw new DomainException('STATUS_NOT_FOUND', 'No status with this id open on that date');
      await this.audit.record(
        {
          action: 'END_STATUS',
          entityType: `registry_status_${kind.toLowerCase()}`,
          entityId: id,
          after: { validTo: input.validTo, reason: input.reason },
        },
        m,
      );
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }
}
