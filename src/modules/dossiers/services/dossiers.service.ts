import { Injectable } from '@nestjs/common';
import { DomainException } from 'src/common/errors/domain.exception';
import { decodeCursor, encodeCursor, pageSize, type Page } from 'src/common/pagination/pagination';
import { AuditService } from 'src/modules/audit/audit.service';
import { looksLikeDossierCode } from 'src/modules/dossiers/domain/dossier-code';
import type { DossierState } from 'src/modules/dossiers/domain/dossier-state';
import type { Channel } from 'src/modules/dossiers/domain/portal-codes';
import { DossierClock } from 'src/modules/dossiers/dossier-ports';
import type { EntityManager } from 'typeorm';
import { DossierEntity } from 'src/modules/dossiers/entities/dossier.entity';
import { DossierStepEntity } from 'src/modules/dossiers/entities/dossier-parts.entity';
import { currentActor } from 'src/modules/dossiers/persistence/dossier-journal.service';
import { DossierStoreService, scopeSql } from 'src/modules/dossiers/persistence/dossier-store.service';

export interface DossierFilter {
  states?: DossierState[];
  channel?: Channel;
  procedureCode?: string;
  agencyId?: string;
  receivedFrom?: string;
  receivedTo?: string;
  overdue?: boolean;
  /** Matches code prefix or applicant name (diacritic-insensitive). */
  search?: string;
}

export interface SystemDossierView {
  dossier: DossierEntity;
  activeStep: {
    id: string;
    seq: number;
    name: string;
    dueAt: Date | null;
    assigneeUserId: string | null;
    agencyId: string | null;
  } | null;
}

export type WorkQueueKind = 'ASSIGNED_TO_ME' | 'UNIT_UNASSIGNED' | 'DUE_SOON' | 'OVERDUE';

export interface ChangeRow {
  eventId: string;
  dossierId: string;
  code: string;
  type: string;
  fromState: string | null;
  toState: string | null;
  occurredAt: Date;
}

export interface TrackingView {
  code: string;
  state: DossierState;
  procedureCode: string;
  currentStep: string | null;
  appointmentDate: string | null;
  late: boolean;
  apology: { reason: string; newDueDate: string; sentOn: string } | null;
}

const OPEN_STATES: DossierState[] = ['RECEIVED', 'IN_PROCESSING', 'WAITING_SUPPLEMENT', 'WAITING_FINANCIAL_OBLIGATION', 'WITHDRAWAL_REQUESTED'];

/**
 * Reads of dossiers, always scoped in SQL to the caller's administrative units. Lists never carry the citizen-ID
 * number; single reads of personal data are audited.
 */
@Injectable()
export class DossiersService {
  constructor(
    private readonly store: DossierStoreService,
    private readonly audit: AuditService,
    private readonly clock: DossierClock,
  ) {}

  async get(id: string): Promise<DossierEntity> {
    const d = await this.store.findScoped(this.store.dataSource.manager, id, await this.store.scope());
    await this.audit.personalDataViewed('dossier', d.id, ['applicantName', 'applicantIdNumber', 'applicantPhone']);
    return d;
  }

  /**
   * For workers (reminders, integrations, reports) reacting to outbox events: the dossier and its active step,
   * without a caller scope and without an audit row. Never call it from a request handler.
   */
  async systemView(id: string, manager?: EntityManager): Promise<SystemDossierView | undefined> {
    const m = manager ?? this.store.dataSource.manager;
    const dossier = await m.getRepository(DossierEntity).findOneBy({ id });
    if (!dossier) return undefined;
    const step = await m
      .getRepository(DossierStepEntity)
      .findOne({ where: { dossierId: id, status: 'ACTIVE' }, order: { seq: 'ASC' } });
    return {
      dossier,
      activeStep: step ? { id: step.id, seq: step.seq, name: step.name, dueAt: step.dueAt, assigneeUserId: step.assigneeUserId, agencyId: step.agencyId } : null,
    };
  }

  /** The dossier in the caller's scope without recording a personal-data view (for routing an action by state). */
  async peek(id: string): Promise<DossierEntity> {
    return this.store.findScoped(this.store.dataSource.manager, id, await this.store.scope());
  }

  async getByCode(code: string): Promise<DossierEntity> {
    if (!looksLikeDossierCode(code)) throw new DomainException('DOSSIER_CODE_INVALID', 'The dossier code is malformed');
    const scope = await this.store.scope();
    const found = await this.store.dataSource
      .getRepository(DossierEntity)
      .createQueryBuilder('d')
      .where('d.code = :code', { code })
      .andWhere(scopeSql(':scope'), { scope })
      .getOne();
    if (!found) throw new DomainException('DOSSIER_NOT_FOUND', 'No dossier with this code in your scope');
    await this.audit.personalDataViewed('dossier', found.id, ['applicantName', 'applicantIdNumber', 'applicantPhone']);
    return found;
  }

  /** Newest first, keyset cursor on (created_at, id). */
  async list(filter: DossierFilter, first?: number, after?: string): Promise<Page<DossierEntity>> {
    const size = pageSize(first);
    const cursor = decodeCursor(after);
    const scope = await this.store.scope();
    const qb = this.store.dataSource
      .getRepository(DossierEntity)
      .createQueryBuilder('d')
      .where(scopeSql(':scope'), { scope });
    if (filter.states?.length) qb.andWhere('d.state in (:...states)', { states: filter.states });
    if (filter.channel) qb.andWhere('d.channel = :channel', { channel: filter.channel });
    if (filter.procedureCode) qb.andWhere('d.procedure_code = :pc', { pc: filter.procedureCode });
    if (filter.agencyId) qb.andWhere('(d.agency_id = :ag or d.handling_agency_id = :ag)', { ag: filter.agencyId });
    if (filter.receivedFrom) qb.andWhere('d.submitted_at >= :rf::date', { rf: filter.receivedFrom });
    if (filter.receivedTo) qb.andWhere(`d.submitted_at < (:rt::date + 1)`, { rt: filter.receivedTo });
    if (filter.overdue !== undefined)
      qb.andWhere(
        `${filter.overdue ? '' : 'not '}(d.due_date is not null and d.state in (:...open) and d.due_date < :today)`,
        { open: OPEN_STATES, today: this.clock.today() },
      );
    if (filter.search)
      qb.andWhere(`(d.code like :prefix or vn_search_key(d.applicant_name) like '%' || vn_search_key(:s) || '%')`, {
        prefix: `${filter.search.replace(/[%_\\]/g, '')}%`,
        s: filter.search.replace(/[%_\\]/g, ''),
      });
    if (cursor) qb.andWhere('(d.created_at, d.id) < (:ck::timestamptz, :cid::uuid)', { ck: cursor.k, cid: cursor.id });
    const rows = await qb.orderBy('d.created_at', 'DESC').addOrderBy('d.id', 'DESC').limit(size + 1).getMany();
    const items = rows.slice(0, size);
    const last = items[items.length - 1];
    return {
      items,
      nextCursor: rows.length > size && last ? encodeCursor({ k: last.createdAt.toISOString(), id: last.id }) : null,
    };
  }

  /** Events since a cursor (the last event id seen), for portal sync: "what changed since". */
  async changesSince(cursor: string | undefined, limit?: number): Promise<Page<ChangeRow>> {
    const size = pageSize(limit);
    const after = cursor ? decodeCursor(cursor) : undefined;
    const scope = await this.store.scope();
    const rows = await this.store.dataSource.query<ChangeRow[]>(
      `select e.id::text as "eventId", e.dossier_id as "dossierId", d.code, e.type, e.from_state as "fromState",
              e.to_state as "toState", e.occurred_at as "occurredAt"
       from dossier_events e join dossiers d on d.id = e.dossier_id
       where e.id > $1 and ${scopeSql('$2')}
       order by e.id limit $3`,
      [after ? Number(after.k) : 0, scope, size + 1],
    );
    const items = rows.slice(0, size);
    const last = items[items.length - 1];
    return {
      items,
      nextCursor: last ? encodeCursor({ k: Number(last.eventId), id: last.dossierId }) : cursor ?? null,
    };
  }

  /** An officer's work queue: assigned to me, my unit's unassigned, due within `soonDays` calendar days, overdue. */
  async workQueue(kind: WorkQueueKind, first?: number, after?: string, soonDays = 3): Promise<Page<DossierEntity>> {
    const actor = currentActor();
    const size = pageSize(first);
    const cursor = decodeCursor(after);
    const scope = await this.store.scope(actor);
    const today = this.clock.today();
    const qb = this.store.dataSource
      .getRepository(DossierEntity)
      .createQueryBuilder('d')
      .where(scopeSql(':scope'), { scope })
      .andWhere('d.state in (:...open)', { open: OPEN_STATES })
      // history from older software (LegacyDossierRecordsService) is nobody's work here
      .andWhere(`d.origin = 'DESK'`);
    switch (kind) {
      case 'ASSIGNED_TO_ME':
        qb.andWhere('d.assignee_user_id = :me', { me: actor.kind === 'user' ? actor.id : '00000000-0000-0000-0000-000000000000' });
        break;
      case 'UNIT_UNASSIGNED':
        qb.andWhere('d.assignee_user_id is null').andWhere('d.handling_agency_id = :ag', {
          ag: actor.agencyId ?? '00000000-0000-0000-0000-000000000000',
        });
        break;
      case 'DUE_SOON':
        qb.andWhere(`d.due_date between :today and (:today::date + :soon::int)`, { today, soon: soonDays });
        break;
      case 'OVERDUE':
        qb.andWhere('d.due_date < :today', { today });
        break;
    }
    if (cursor) qb.andWhere('(d.due_date, d.id) > (:ck::date, :cid::uuid)', { ck: cursor.k, cid: cursor.id });
    const rows = await qb.orderBy('d.due_date', 'ASC', 'NULLS LAST').addOrderBy('d.id', 'ASC').limit(size + 1).getMany();
    const items = rows.slice(0, size);
    const last = items[items.length - 1];
    return {
      items,
      nextCursor: rows.length > size && last ? encodeCursor({ k: last.dueDate ?? '9999-12-31', id: last.id }) : null,
    };
  }

  /**
   * Public tracking: code + last 4 digits of the ID number or the phone number. Returns no personal data; a wrong
   * factor and an unknown code give the same answer.
   */
  async track(code: string, factor: string): Promise<TrackingView> {
    if (!looksLikeDossierCode(code)) throw new DomainException('DOSSIER_CODE_INVALID', 'The dossier code is malformed');
    const digits = factor.replace(/\D/g, '');
    const [row] = await this.store.dataSource.query<
      Array<{ code: string; state: DossierState; procedure_code: string; due_date: string | null; step: string | null;
        reason: string | null; new_due_date: string | null; sent_on: string | null; late: boolean }>
    >(
      `select d.code, d.state, d.procedure_code, to_char(d.due_date, 'YYYY-MM-DD') as due_date,
              (select s.name from dossier_steps s where s.dossier_id = d.id and s.status = 'ACTIVE' order by s.seq limit 1) as step,
              a.reason, to_char(a.new_due_date, 'YYYY-MM-DD') as new_due_date, to_char(a.sent_on, 'YYYY-MM-DD') as sent_on,
              (d.due_date is not null and coalesce((d.resolved_at at time zone 'Asia/Ho_Chi_Minh')::date, $3::date) > d.due_date) as late
       from dossiers d left join dossier_apologies a on a.dossier_id = d.id
       where d.code = $1 and length($2) >= 4
         and (right(coalesce(d.applicant_id_number, ''), 4) = right($2, 4) and length($2) = 4
              or (d.applicant_phone is not null and length($2) >= 8 and right(d.applicant_phone, 9) = right($2, 9)))`,
      [code, digits, this.clock.today()],
    );
    if (!row) throw new DomainException('DOSSIER_LOOKUP_FAILED');
    return {
      code: row.code,
      state: row.state,
      procedureCode: row.procedure_code,
      currentStep: row.step,
      appointmentDate: row.due_date,
      late: row.late,
      apology: row.reason && row.new_due_date && row.sent_on ? { reason: row.reason, newDueDate: row.new_due_date, sentOn: row.sent_on } : null,
    };
  }

  /** Late dossiers and apologies in the caller's scope: sent in time, sent late, overdue without any apology. */
  async apologyCounts(): Promise<{ overdue: number; apologyInTime: number; apologyLate: number; overdueWithoutApology: number }> {
    const scope = await this.store.scope();
    const [row] = await this.store.dataSource.query<
      Array<{ overdue: number; in_time: number; late: number; none: number }>
    >(
      `select count(*) filter (where o)::int as overdue,
              count(*) filter (where a.in_time)::int as in_time,
              count(*) filter (where a.in_time = false)::int as late,
              count(*) filter (where o and a.id is null)::int as none
       from (select d.*, (d.original_due_date is not null and
               coalesce((d.resolved_at at time zone 'Asia/Ho_Chi_Minh')::date, $2::date) > d.original_due_date) as o
             from dossiers d where ${scopeSql('$1')}) d
       left join dossier_apologies a on a.dossier_id = d.id`,
      [scope, this.clock.today()],
    );
    return { overdue: row.overdue, apologyInTime: row.in_time, apologyLate: row.late, overdueWithoutApology: row.none };
  }
}
