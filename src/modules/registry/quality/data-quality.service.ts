import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainException } from 'src/common/errors/domain.exception';
import { AppConfig } from 'src/config/app-config';
import { AuditService } from 'src/modules/audit/audit.service';
import { completenessOf, type Completeness } from 'src/modules/registry/quality/completeness';
import type { PersonRecord } from 'src/modules/registry/people/person.model';
import { PeopleService } from 'src/modules/registry/people/people.service';
import { VitalEventsService } from 'src/modules/registry/people/vital-events.service';
import {
  POPULATION_DB_ADAPTER,
  type PopulationDbAdapter,
} from 'src/modules/registry/population-db/population-db.adapter';
import { actorName } from 'src/modules/registry/registry.types';

export interface VerificationOutcome {
  status: 'VERIFIED' | 'MISMATCH' | 'NOT_FOUND';
  mismatches: string[];
  deathRecorded: boolean;
}

/** Completeness, staleness and verification against the national population database. */
@Injectable()
export class DataQualityService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly people: PeopleService,
    private readonly vital: VitalEventsService,
    private readonly audit: AuditService,
    @Inject(POPULATION_DB_ADAPTER) private readonly populationDb: PopulationDbAdapter,
  ) {}

  async completeness(personId: string): Promise<Completeness> {
    const person = await this.people.getUnscoped(personId);
    const [unit] = person.residenceUnitId
      ? await this.dataSource.query<Array<{ current: boolean }>>(
          `select (valid_to is null or valid_to >= current_date) as current from admin_units where id = $1`,
          [person.residenceUnitId],
        )
      : [];
    return completenessOf(person, unit?.current ?? false);
  }

  /** Stale: neither verified nor updated for longer than REGISTRY_STALE_AFTER_DAYS. */
  isStale(p: Pick<PersonRecord, 'verifiedAt' | 'updatedAt' | 'vitalStatus'>, now = new Date()): boolean {
    if (p.vitalStatus === 'DECEASED') return false;
    const last = Math.max(p.updatedAt.getTime(), p.verifiedAt?.getTime() ?? 0);
    return now.getTime() - last > this.config.registry.staleAfterDays * 86_400_000;
  }

  /** SQL predicate for stale rows of alias `p` (parameter index of the days value given). */
  staleSql(param: number): string {
    return `(p.vital_status = 'ALIVE' and greatest(p.updated_at, coalesce(p.verified_at, p.updated_at)) < now() - make_interval(days => $${param}))`;
  }

  get staleAfterDays(): number {
    return this.config.registry.staleAfterDays;
  }

  /**
   * Verifies a person's record against the population database. A death reported there is recorded (statuses end,
   * review task opens). Mismatching name / birth / gender → MISMATCH and a review task.
   */
  async verify(personId: string): Promise<VerificationOutcome> {
    if (!this.populationDb.configured) throw new DomainException('POPULATION_DB_NOT_CONFIGURED');
    const person = await this.people.getUnscoped(personId);
    if (!person.cccd)
      throw new DomainException(
        'VALIDATION_FAILED',
        'Only a record with a citizen ID number can be verified',
      );
    const found = await this.populationDb.lookup(person.cccd);
    const mismatches: string[] = [];
    if (found.found) {
      const key = (s: string) => s.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim();
      if (key(found.fullName) !== key(person.fullName)) mismatches.push('fullName');
      if (
        found.birth !== person.birth &&
        !(found.birth.startsWith(person.birth) && person.birth.length === 4)
      )
        mismatches.push('birth');
      if (found.gender !== person.gender) mismatches.push('gender');
    }
    const status = !found.found ? 'NOT_FOUND' : mismatches.length > 0 ? 'MISMATCH' : 'VERIFIED';
    let deathRecorded = false;
    await this.dataSource.transaction(async (m) => {
      await m.query(
        `update registry_people set verification_status = $2, verified_at = now() where id = $1`,
        [personId, status],
      );
      if (status === 'MISMATCH')
        await m.query(
          `insert into registry_review_tasks (kind, person_id, details) values ('VERIFICATION_MISMATCH', $1, $2::jsonb)`,
          [personId, JSON.stringify({ mismatches })],
        );
      if (found.found && found.deceased && found.deathDate && person.vitalStatus === 'ALIVE') {
        await this.vital.recordDeath(
          personId,
          found.deathDate,
          { source: 'POPULATION_DB', ref: 'verification' },
          m,
        );
        deathRecorded = true;
      }
      await this.audit.record(
        {
          action: 'VERIFY',
          entityType: 'registry_person',
          entityId: personId,
          after: { status, mismatches, by: actorName() },
        },
        m,
      );
    });
    return { status, mismatches, deathRecorded };
  }
}
