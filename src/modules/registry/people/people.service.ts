import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from 'src/common/context/request-context';
import { DomainException } from 'src/common/errors/domain.exception';
import { AuditService } from 'src/modules/audit/audit.service';
import { AccessScopeService, scopeParam } from 'src/modules/organisation/units/access-scope.service';
import { parseBirthDate, type Gender } from 'src/modules/registry/domain/birth-date';
import { assertValidCccd } from 'src/modules/registry/domain/cccd';
import { PERSON_COLUMNS, type PersonRecord } from 'src/modules/registry/people/person.model';
import { actorName, type Provenance } from 'src/modules/registry/registry.types';

export interface PersonInput {
  cccd?: string | null;
  fullName: string;
  /** 'YYYY-MM-DD' or 'YYYY'. */
  birth: string;
  gender: Gender;
  ethnicity?: string | null;
  residenceUnitId?: string | null;
  address?: string | null;
  phone?: string | null;
  receivesPension?: boolean;
}

export type PersonPatch = Partial<PersonInput>;

function normaliseName(name: string): string {
  return name.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/**
 * People of the registry. CCCD is validated against the birth date and gender (a wrong one is CCCD_INVALID, never
 * stored); unique among records that were not merged away. Every write records provenance and an audit event.
 */
@Injectable()
export class PeopleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly scope: AccessScopeService,
  ) {}

  private validate(input: PersonInput): { birthYear: number; birthDate: string | null } {
    const birth = parseBirthDate(input.birth);
    if (!birth) throw new DomainException('VALIDATION_FAILED', 'Birth must be YYYY-MM-DD or YYYY');
    if (input.cccd) assertValidCccd(input.cccd, { birth, gender: input.gender });
    return { birthYear: birth.year, birthDate: birth.date };
  }

  async register(input: PersonInput, provenance: Provenance, manager?: EntityManager): Promise<PersonRecord> {
    const { birthYear, birthDate } = this.validate(input);
    const run = async (m: EntityManager): Promise<PersonRecord> => {
      if (input.cccd) {
        const [existing] = await m.query<Array<{ id: string }>>(
          `select id from registry_people where cccd = $1 and merged_into_id is null`,
          [input.cccd],
        );
        if (existing)
          throw new DomainException('CCCD_ALREADY_REGISTERED', undefined, { personId: existing.id });
      }
      const [row] = await m.query<Array<{ id: string }>>(
        `insert into registry_people (cccd, full_name, birth_year, birth_date, gender, ethnicity, residence_unit_id,
           address, phone, receives_pension, source, source_ref, created_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) returning id`,
        [
          input.cccd ?? null,
          normaliseName(input.fullName),
          birthYear,
          birthDate,
          input.gender,
          input.ethnicity ?? null,
          input.residenceUnitId ?? null,
          input.address ?? null,
          input.phone ?? null,
          input.receivesPension ?? false,
          provenance.source,
          provenance.ref ?? null,
          actorName(),
        ],
      );
      await this.audit.record({ action: 'CREATE', entityType: 'registry_person', entityId: row.id }, m);
      return this.getUnscoped(row.id, m);
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  /**
   * Intake for imports and dossiers: exact match on CCCD (the record is returned, not duplicated); a record without
   * CCCD is created and left to the duplicate scan.
   */
  async upsertByCccd(
    input: PersonInput,
    provenance: Provenance,
    manager?: EntityManager,
  ): Promise<{ person: PersonRecord; created: boolean }> {
    if (input.cccd) {
      this.validate(input);
      const existing = await this.findByCccd(input.cccd, manager);
      if (existing) return { person: existing, created: false };
    }
    return { person: await this.register(input, provenance, manager), created: true };
  }

  async update(id: string, patch: PersonPatch, expectedVersion?: number): Promise<PersonRecord> {
    return this.dataSource.transaction(async (m) => {
      const before = await this.getUnscoped(id, m, true);
      const merged: PersonInput = {
        cccd: patch.cccd !== undefined ? patch.cccd : before.cccd,
        fullName: patch.fullName ?? before.fullName,
        birth: patch.birth ?? before.birth,
        gender: patch.gender ?? before.gender,
      };
      const { birthYear, birthDate } = this.validate(merged);
      if (expectedVersion !== undefined && expectedVersion !== before.version)
        throw new DomainException('VERSION_CONFLICT', undefined, { currentVersion: before.version });
      const value = <K extends keyof PersonPatch>(k: K, current: unknown): unknown =>
        patch[k] !== undefined ? patch[k] : current;
      await m.query(
        `update registry_people set cccd = $2, full_name = $3, birth_year = $4, birth_date = $5, gender = $6,
           ethnicity = $7, residence_unit_id = $8, address = $9, phone = $10, receives_pension = $11,
           updated_by = $12, updated_at = now(), version = version + 1
         where id = $1`,
        [
          id,
          merged.cccd ?? null,
          normaliseName(merged.fullName),
          birthYear,
          birthDate,
          merged.gender,
          value('ethnicity', before.ethnicity),
          value('residenceUnitId', before.residenceUnitId),
          value('address', before.address),
          value('phone', before.phone),
          value('receivesPension', before.receivesPension),
          actorName(),
        ],
      );
      const after = await this.getUnscoped(id, m);
      await this.audit.record(
        {
          action: 'UPDATE',
          entityType: 'registry_person',
          entityId: id,
          before: { ...before },
          after: { ...after },
        },
        m,
      );
      return after;
    });
  }

  async findByCccd(cccd: string, manager?: EntityManager): Promise<PersonRecord | undefined> {
    const [row] = await (manager ?? this.dataSource.manager).query<PersonRecord[]>(
      `select ${PERSON_COLUMNS} from registry_people p where p.cccd = $1 and p.merged_into_id is null`,
      [cccd],
    );
    return row;
  }

  /** For internal use (other services, after their own scope check). */
  async getUnscoped(id: string, manager?: EntityManager, forUpdate = false): Promise<PersonRecord> {
    const [row] = await (manager ?? this.dataSource.manager).query<PersonRecord[]>(
      `select ${PERSON_COLUMNS} from registry_people p where p.id = $1 ${forUpdate ? 'for update' : ''}`,
      [id],
    );
    if (!row) throw new DomainException('PERSON_NOT_FOUND');
    return row;
  }

  /** A person the caller may see (scope in the SQL). A person without residence unit needs an all-units scope. */
  async getForActor(actor: Actor | undefined, id: string): Promise<PersonRecord> {
    const units = scopeParam(await this.scope.unitScope(actor));
    const [row] = await this.dataSource.query<PersonRecord[]>(
      `select ${PERSON_COLUMNS} from registry_people p
       where p.id = $1 and ($2::uuid[] is null or p.residence_unit_id = any($2))`,
      [id, units],
    );
    if (!row) throw new DomainException('PERSON_NOT_FOUND');
    return row;
  }

  /** Single-record read with the full CCCD: records the personal-data view in the audit trail. */
  async viewPersonalData(actor: Actor | undefined, id: string): Promise<PersonRecord> {
    const person = await this.getForActor(actor, id);
    await this.audit.personalDataViewed('registry_person', id, ['cccd', 'phone', 'address', 'birth']);
    return person;
  }
}
