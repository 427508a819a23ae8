import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainException } from 'src/common/errors/domain.exception';
import { AuditService } from 'src/modules/audit/audit.service';
import { actorName, type Provenance, updateReturning } from 'src/modules/registry/registry.types';
import { STATUS_TABLES, STATUS_KINDS } from 'src/modules/registry/statuses/status.model';

export interface DeathOutcome {
  personId: string;
  deathDate: string;
  /** Statuses (and household memberships) ended from the date of death. */
  endedStatuses: Array<{ kind: string; id: string }>;
  endedMemberships: string[];
  reviewTaskId: string;
}

/**
 * Deaths: recorded from a death-registration dossier or the population database. The person becomes DECEASED, every
 * status open on the date of death ends from that date (end_reason DEATH), open household memberships end, and a
 * review task is opened for an officer (payments, funeral support, the household head).
 */
@Injectable()
export class VitalEventsService {
  private readonly logger = new Logger(VitalEventsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async recordDeath(
    personId: string,
    deathDate: string,
    provenance: Provenance,
    manager?: EntityManager,
  ): Promise<DeathOutcome> {
    const run = async (m: EntityManager): Promise<DeathOutcome> => {
      const [person] = await m.query<Array<{ vital_status: string; merged_into_id: string | null }>>(
        `select vital_status, merged_into_id from registry_people where id = $1 for update`,
        [personId],
      );
      if (!person) throw new DomainException('PERSON_NOT_FOUND');
      if (person.merged_into_id)
        throw new DomainException('CONFLICT', 'The record was merged into another person');
      if (person.vital_status === 'DECEASED') throw new DomainException('PERSON_DECEASED');
      await m.query(
        `update registry_people set vital_status = 'DECEASED', death_date = $2, updated_by = $3, updated_at = now(),
           version = version + 1 where id = $1`,
        [personId, deathDate, actorName()],
      );
      const endedStatuses: Array<{ kind: string; id: string }> = [];
      for (const kind of STATUS_KINDS) {
        if (kind === 'POVERTY') continue; // a household status; the review task asks for a household re-check
        const rows = await updateReturning<{ id: string }>(
          m,
          `update ${STATUS_TABLES[kind]} set valid_to = greatest(valid_from, $2::date), end_reason = 'DEATH', ended_at = now()
           where person_id = $1 and (valid_to is null or valid_to > $2::date) returning id`,
          [personId, deathDate],
        );
        endedStatuses.push(...rows.map((r) => ({ kind, id: r.id })));
      }
      const memberships = await updateReturning<{ id: string }>(
        m,
        `update registry_household_members set valid_to = greatest(valid_from, $2::date), end_reason = 'DEATH'
         where person_id = $1 and (valid_to is null or valid_to > $2::date) returning id`,
        [personId, deathDate],
      );
      const [task] = await m.query<Array<{ id: string }>>(
        `insert into registry_review_tasks (kind, person_id, details) values ('DEATH_RECORDED', $1, $2::jsonb) returning id`,
        [
          personId,
          JSON.stringify({
            deathDate,
            source: provenance.source,
            ref: provenance.ref ?? null,
            endedStatuses,
          }),
        ],
      );
      await this.audit.record(
        {
          action: 'RECORD_DEATH',
          entityType: 'registry_person',
          entityId: personId,
          after: { deathDate, source: provenance.source, endedStatuses: endedStatuses.length },
        },
        m,
      );
      this.logger.log(`death recorded for person ${personId}: ${endedStatuses.length} statuses ended`);
      return {
        personId,
        deathDate,
        endedStatuses,
        endedMemberships: memberships.map((r) => r.id),
        reviewTaskId: task.id,
      };
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  async openReviewTasks(
    personId?: string,
  ): Promise<Array<{ id: string; kind: string; personId: string; details: unknown; createdAt: Date }>> {
    return this.dataSource.query(
      `select id, kind, person_id as "personId", details, created_at as "createdAt" from registry_review_tasks
       where state = 'OPEN' and ($1::uuid is null or person_id = $1) order by created_at limit 500`,
      [personId ?? null],
    );
  }

  /** The person a review task is about (for the caller's scope check). */
  async reviewTaskPerson(id: string): Promise<string> {
    const [t] = await this.dataSource.query<Array<{ person_id: string }>>(
      `select person_id from registry_review_tasks where id = $1`,
      [id],
    );
    if (!t) throw new DomainException('NOT_FOUND', 'No review task with this id');
    return t.person_id;
  }

  async closeReviewTask(id: string): Promise<void> {
    const rows = await updateReturning<{ id: string }>(
      this.dataSource,
      `update registry_review_tasks set state = 'DONE', closed_by = $2, closed_at = now() where id = $1 and state = 'OPEN' returning id`,
      [id, actorName()],
    );
    if (rows.length === 0) throw new DomainException('NOT_FOUND', 'No open review task with this id');
  }
}
