import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from 'src/common/context/request-context';
import { DomainException } from 'src/common/errors/domain.exception';
import { AuditService } from 'src/modules/audit/audit.service';
import { AccessScopeService, scopeParam } from 'src/modules/organisation/units/access-scope.service';
import type { LivingArea } from 'src/modules/registry/domain/poverty-standards.data';
import { mapConstraint } from 'src/modules/registry/registry-db-errors';
import { actorName, d, type Provenance, updateReturning } from 'src/modules/registry/registry.types';

export const RELATIONSHIPS = [
  'HEAD',
  'SPOUSE',
  'CHILD',
  'PARENT',
  'GRANDCHILD',
  'GRANDPARENT',
  'SIBLING',
  'CHILD_IN_LAW',
  'OTHER_RELATIVE',
  'OTHER',
] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];
export type MembershipEndReason = 'MOVED' | 'DEATH' | 'SPLIT' | 'CORRECTION';

export interface HouseholdRecord {
  id: string;
  code: string;
  residenceUnitId: string | null;
  address: string | null;
  area: LivingArea | null;
  source: string;
  sourceRef: string | null;
  createdBy: string;
  createdAt: Date;
}

export interface MembershipRecord {
  id: string;
  householdId: string;
  householdCode: string;
  personId: string;
  fullName: string;
  relationship: Relationship;
  validFrom: string;
  validTo: string | null;
  endReason: MembershipEndReason | null;
  source: string;
  sourceRef: string | null;
  createdBy: string;
  createdAt: Date;
}

const HOUSEHOLD_COLUMNS = `h.id, h.code, h.residence_unit_id as "residenceUnitId", h.address, h.area, h.source,
  h.source_ref as "sourceRef", h.created_by as "createdBy", h.created_at as "createdAt"`;
const MEMBER_COLUMNS = `m.id, m.household_id as "householdId", h.code as "householdCode", m.person_id as "personId",
  p.full_name as "fullName", m.relationship, ${d('m.valid_from')} as "validFrom", ${d('m.valid_to')} as "validTo",
  m.end_reason as "endReason", m.source, m.source_ref as "sourceRef", m.created_by as "createdBy",
  m.created_at as "createdAt"`;
const MEMBER_FROM = `registry_household_members m join registry_households h on h.id = m.household_id
  join registry_people p on p.id = m.person_id`;

/** Households (hộ) and dated memberships; a person is in at most one household at a time (DB exclusion). */
@Injectable()
export class HouseholdsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly scope: AccessScopeService,
  ) {}

  async create(
    input: {
      code: string;
      residenceUnitId?: string | null;
      address?: string | null;
      area?: LivingArea | null;
    },
    provenance: Provenance,
    manager?: EntityManager,
  ): Promise<HouseholdRecord> {
    const m = manager ?? this.dataSource.manager;
    const [row] = await mapConstraint(
      () =>
        m.query<Array<{ id: string }>>(
          `insert into registry_households (code, residence_unit_id, address, area, source, source_ref, created_by)
           values ($1, $2, $3, $4, $5, $6, $7) returning id`,
          [
            input.code,
            input.residenceUnitId ?? null,
            input.address ?? null,
            input.area ?? null,
            provenance.source,
            provenance.ref ?? null,
            actorName(),
          ],
        ),
      { registry_households_code_key: 'UNIQUE_VIOLATION' },
    );
    await this.audit.record(
      { action: 'CREATE', entityType: 'registry_household', entityId: row.id, after: { ...input } },
      m,
    );
    return this.getUnscoped(row.id, m);
  }

  async addMember(
    input: { householdId: string; personId: string; relationship: Relationship; validFrom: string },
    provenance: Provenance,
    manager?: EntityManager,
  ): Promise<MembershipRecord> {
    const m = manager ?? this.dataSource.manager;
    const [person] = await m.query<Array<{ vital_status: string; death: string | null }>>(
      `select vital_status, ${d('death_date')} as death from registry_people where id = $1 and merged_into_id is null`,
      [input.personId],
    );
    if (!person) throw new DomainException('PERSON_NOT_FOUND');
    if (person.death && person.death <= input.validFrom) throw new DomainException('PERSON_DECEASED');
    const [row] = await mapConstraint(
      () =>
        m.query<Array<{ id: string }>>(
          `insert into registry_household_members (household_id, person_id, relationship, valid_from, source,
             source_ref, created_by)
           values ($1, $2, $3, $4, $5, $6, $7) returning id`,
          [
            input.householdId,
            input.personId,
            input.relationship,
            input.validFrom,
            provenance.source,
            provenance.ref ?? null,
            actorName(),
          ],
        ),
      {
        registry_household_members_one_household: 'HOUSEHOLD_MEMBERSHIP_OVERLAP',
        registry_household_members_one_head: 'CONFLICT',
      },
    );
    await this.audit.record(
      {
        action: 'ADD_MEMBER',
        entityType: 'registry_household',
        entityId: input.householdId,
        after: { personId: input.personId, relationship: input.relationship, validFrom: input.validFrom },
      },
      m,
    );
    const [member] = await m.query<MembershipRecord[]>(
      `select ${MEMBER_COLUMNS} from ${MEMBER_FROM} where m.id = $1`,
      [row.id],
    );
    return member;
  }

  /** Ends a membership on `validTo` (exclusive: the first day the person is no longer a member). */
  async endMembership(
    memberId: string,
    validTo: string,
    reason: MembershipEndReason,
    manager?: EntityManager,
  ): Promise<void> {
    const m = manager ?? this.dataSource.manager;
    const rows = await updateReturning<{ household_id: string }>(
      m,
      `update registry_household_members set valid_to = greatest(valid_from, $2::date), end_reason = $3
       where id = $1 and (valid_to is null or valid_to > $2::date) returning household_id`,
      [memberId, validTo, reason],
    );
    if (rows.length === 0) throw new DomainException('NOT_FOUND', 'No open membership with this id');
    await this.audit.record(
      {
        action: 'END_MEMBER',
        entityType: 'registry_household',
        entityId: rows[0].household_id,
        after: { memberId, validTo, reason },
      },
      m,
    );
  }

  async getUnscoped(id: string, manager?: EntityManager): Promise<HouseholdRecord> {
    const [row] = await (manager ?? this.dataSource.manager).query<HouseholdRecord[]>(
      `select ${HOUSEHOLD_COLUMNS} from registry_households h where h.id = $1`,
      [id],
    );
    if (!row) throw new DomainException('HOUSEHOLD_NOT_FOUND');
    return row;
  }

  async getForActor(
    actor: Actor | undefined,
    idOrCode: { id?: string; code?: string },
  ): Promise<HouseholdRecord> {
    const units = scopeParam(await this.scope.unitScope(actor));
    const [row] = await this.dataSource.query<HouseholdRecord[]>(
      `select ${HOUSEHOLD_COLUMNS} from registry_households h
       where ($1::uuid is null or h.id = $1) and ($2::text is null or h.code = $2)
         and ($3::uuid[] is null or h.residence_unit_id = any($3))`,
      [idOrCode.id ?? null, idOrCode.code ?? null, units],
    );
    if (!row || (!idOrCode.id && !idOrCode.code)) throw new DomainException('HOUSEHOLD_NOT_FOUND');
    return row;
  }

  /** Every membership period of a household, oldest first. */
  async members(householdId: string, onDate?: string): Promise<MembershipRecord[]> {
    return this.dataSource.query<MembershipRecord[]>(
      `select ${MEMBER_COLUMNS} from ${MEMBER_FROM} where m.household_id = $1
         and ($2::date is null or daterange(m.valid_from, m.valid_to, '[)') @> $2::date)
       order by m.valid_from, m.created_at`,
      [householdId, onDate ?? null],
    );
  }

  /** The memberships of a person over time (at most one open at a time). */
  async membershipsOfPerson(personId: string, manager?: EntityManager): Promise<MembershipRecord[]> {
    return (manager ?? this.dataSource.manager).query<MembershipRecord[]>(
      `select ${MEMBER_COLUMNS} from ${MEMBER_FROM} where m.person_id = $1 order by m.valid_from`,
      [personId],
    );
  }
}
