import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RequestContext, type Actor } from 'src/common/context/request-context';
import { DomainException } from 'src/common/errors/domain.exception';
import { decodeCursor, pageSize } from 'src/common/pagination/pagination';
import { AppConfig } from 'src/config/app-config';
import { businessDate } from 'src/config/business-time';
import { AuditService } from 'src/modules/audit/audit.service';
import { WorkingCalendarService } from 'src/modules/calendar/working-calendar.service';
import type {
  FeedbackDto,
  FeedbackPageDto,
  FeedbackQuery,
  FeedbackState,
  FeedbackStatsDto,
  PublishedFeedbackPageDto,
  SubmitFeedbackDto,
} from 'src/modules/feedback/feedback.dto';
import { keysetPage } from 'src/modules/organisation/keyset-page';
import { AccessScopeService, scopeParam } from 'src/modules/organisation/units/access-scope.service';

/** Which state each action may start from. Everything else is FEEDBACK_ILLEGAL_TRANSITION. */
const ALLOWED_FROM: Record<'assign' | 'answer' | 'reject' | 'publish', FeedbackState[]> = {
  assign: ['RECEIVED', 'ASSIGNED'],
  answer: ['RECEIVED', 'ASSIGNED'],
  reject: ['RECEIVED', 'ASSIGNED'],
  publish: ['ANSWERED'],
};

interface FeedbackRow {
  id: string;
  code: string;
  kind: string;
  source: string;
  state: FeedbackState;
  agency_id: string;
  unit_id: string;
  procedure_code: string | null;
  dossier_id: string | null;
  submitter_name: string;
  subject: string;
  content: string;
  received_on: string;
  response_due_on: string;
  answer: string | null;
  answered_on: string | null;
  published_on: string | null;
  rejection_reason: string | null;
  version: number;
}

const COLUMNS = `id, code, kind, source, state, agency_id, unit_id, procedure_code, dossier_id, submitter_name, subject,
  content, to_char(received_on, 'YYYY-MM-DD') as received_on, to_char(response_due_on, 'YYYY-MM-DD') as response_due_on,
  answer, to_char(answered_on, 'YYYY-MM-DD') as answered_on, to_char(published_on, 'YYYY-MM-DD') as published_on,
  rejection_reason, version`;

/**
 * Citizen feedback and petitions (phản ánh, kiến nghị): received from portals or entered by staff, answered within
 * a deadline in working days, and published. Timeliness follows Decision 766 indicator 5.2 (settings).
 */
@Injectable()
export class FeedbackService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly calendar: WorkingCalendarService,
    private readonly scope: AccessScopeService,
    private readonly audit: AuditService,
  ) {}

  private actor(): Actor {
    const actor = RequestContext.actor();
    if (!actor) throw new DomainException('UNAUTHENTICATED');
    return actor;
  }

  /** Records a feedback. A portal resubmitting the same `portalReference` gets the first record back. */
  async submit(dto: SubmitFeedbackDto, now = new Date()): Promise<FeedbackDto> {
    const actor = this.actor();
    const [agency] = await this.dataSource.query<Array<{ id: string; unit_id: string }>>(
      `select id, unit_id from agencies where code = $1`,
      [dto.agencyCode],
    );
    if (!agency) throw new DomainException('AGENCY_NOT_FOUND', `No agency with code ${dto.agencyCode}`);
    await this.scope.assertUnitInScope(actor, agency.unit_id);
    const apiKeyId = actor.kind === 'api_key' ? actor.id : null;
    if (apiKeyId && dto.portalReference) {
      const [existing] = await this.dataSource.query<FeedbackRow[]>(
        `select ${COLUMNS} from feedback_items where api_key_id = $1 and portal_reference = $2`,
        [apiKeyId, dto.portalReference],
      );
      if (existing) return this.toDto(existing, now);
    }
    const receivedOn = this.calendar.countingStart(now);
    const dueOn = this.calendar.addWorkingDays(receivedOn, this.config.feedback.responseWorkingDays);
    return this.dataSource.transaction(async (manager) => {
      const [row] = await manager.query<FeedbackRow[]>(
        `insert into feedback_items (code, source, kind, agency_id, unit_id, procedure_code, dossier_id, submitter_name,
           submitter_contact, subject, content, received_at, received_on, response_due_on, portal_reference, api_key_id)
         values ('PAKN-' || to_char($11::date, 'YYMMDD') || '-' || lpad(nextval('feedback_code_seq')::text, 4, '0'),
           $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $12, $11, $13, $14, $15)
         on conflict (api_key_id, portal_reference) where portal_reference is not null do nothing
         returning ${COLUMNS}`,
        [
          apiKeyId ? 'PORTAL' : 'STAFF',
          dto.kind,
          agency.id,
          agency.unit_id,
          dto.procedureCode ?? null,
          dto.dossierId ?? null,
          dto.submitterName.normalize('NFC'),
          dto.submitterContact ?? null,
          dto.subject.normalize('NFC'),
          dto.content.normalize('NFC'),
          receivedOn,
          now,
          dueOn,
          dto.portalReference ?? null,
          apiKeyId,
        ],
      );
      if (!row) {
        // A concurrent submission with the same reference won the insert.
        const [first] = await manager.query<FeedbackRow[]>(
          `select ${COLUMNS} from feedback_items where api_key_id = $1 and portal_reference = $2`,
          [apiKeyId, dto.portalReference],
        );
        return this.toDto(first, now);
      }
      await this.audit.record(
        {
          action: 'CREATE',
          entityType: 'feedback',
          entityId: row.id,
          after: { code: row.code, state: row.state },
        },
        manager,
      );
      return this.toDto(row, now);
    });
  }

  async list(query: FeedbackQuery, now = new Date()): Promise<FeedbackPageDto> {
    const scope = await this.scope.unitScope(this.actor());
    const limit = pageSize(query.limit);
    const cursor = decodeCursor(query.cursor);
    const rows = await this.dataSource.query<FeedbackRow[]>(
      `select ${COLUMNS} from feedback_items
       where ($1::uuid[] is null or unit_id = any($1))
         and ($2::text is null or state = $2)
         and ($3::date is null or received_on >= $3) and ($4::date is null or received_on <= $4)
         and ($5::text is null or (to_char(received_on, 'YYYY-MM-DD'), id) < ($5, $6::uuid))
       order by received_on desc, id desc
       limit $7`,
      [
        scopeParam(scope),
        query.state ?? null,
        query.from ?? null,
        query.to ?? null,
        cursor ? String(cursor.k) : null,
        cursor?.id ?? null,
        limit + 1,
      ],
    );
    const page = keysetPage(rows, limit, (r) => r.received_on);
    return { items: page.items.map((r) => this.toDto(r, now)), nextCursor: page.nextCursor };
  }

  async get(id: string, now = new Date()): Promise<FeedbackDto> {
    return this.toDto(await this.load(id), now);
  }

  async assign(id: string, assigneeId: string, version: number): Promise<FeedbackDto> {
    const current = await this.load(id);
    const [assignee] = await this.dataSource.query<Array<{ agency_id: string | null }>>(
      `select agency_id from staff_users where id = $1 and active`,
      [assigneeId],
    );
    if (!assignee || assignee.agency_id !== current.agency_id) {
      throw new DomainException(
        'VALIDATION_FAILED',
        'The assignee must be an active officer of the agency the feedback is addressed to',
      );
    }
    return this.transition(current, 'assign', version, `state = 'ASSIGNED', assignee_id = $3`, [assigneeId]);
  }

  async answer(id: string, answer: string, version: number, now = new Date()): Promise<FeedbackDto> {
    return this.transition(
      await this.load(id),
      'answer',
      version,
      `state = 'ANSWERED', answer = $3, answered_on = $4`,
      [answer.normalize('NFC'), businessDate(now)],
    );
  }

  async reject(id: string, reason: string, version: number): Promise<FeedbackDto> {
    return this.transition(
      await this.load(id),
      'reject',
      version,
      `state = 'REJECTED', rejection_reason = $3`,
      [reason],
    );
  }

  async publish(id: string, version: number, now = new Date()): Promise<FeedbackDto> {
    return this.transition(
      await this.load(id),
      'publish',
      version,
      `state = 'PUBLISHED', published_on = $3`,
      [businessDate(now)],
    );
  }

  /** What the department publishes: answered feedback, without names or contacts. */
  async published(query: { limit?: number; cursor?: string }): Promise<PublishedFeedbackPageDto> {
    const limit = pageSize(query.limit);
    const cursor = decodeCursor(query.cursor);
    const rows = await this.dataSource.query<
      Array<{
        id: string;
        code: string;
        subject: string;
        content: string;
        answer: string;
        published_on: string;
      }>
    >(
      `select id, code, subject, content, answer, to_char(published_on, 'YYYY-MM-DD') as published_on
       from feedback_items
       where state = 'PUBLISHED' and ($1::text is null or (to_char(published_on, 'YYYY-MM-DD'), id) < ($1, $2::uuid))
       order by published_on desc, id desc limit $3`,
      [cursor ? String(cursor.k) : null, cursor?.id ?? null, limit + 1],
    );
    const page = keysetPage(rows, limit, (r) => r.published_on);
    return {
      items: page.items.map((r) => ({
        code: r.code,
        subject: r.subject,
        content: r.content,
        answer: r.answer,
        publishedOn: r.published_on,
      })),
      nextCursor: page.nextCursor,
    };
  }

  /** Counts for reports: received in the period, answered and published on time, open and overdue at its end. */
  async stats(from: string, to: string): Promise<FeedbackStatsDto> {
    const scope = scopeParam(await this.scope.unitScope(this.actor()));
    const publishDays = this.config.feedback.publishWorkingDays;
    const rows = await this.dataSource.query<
      Array<{
        state: string;
        received_on: string;
        response_due_on: string;
        answered_on: string | null;
        published_on: string | null;
      }>
    >(
      `select state, to_char(received_on, 'YYYY-MM-DD') as received_on, to_char(response_due_on, 'YYYY-MM-DD') as response_due_on,
              to_char(answered_on, 'YYYY-MM-DD') as answered_on, to_char(published_on, 'YYYY-MM-DD') as published_on
       from feedback_items where received_on between $1 and $2 and ($3::uuid[] is null or unit_id = any($3))`,
      [from, to, scope],
    );
    const stats: FeedbackStatsDto = {
      received: rows.length,
      answered: 0,
      answeredOnTime: 0,
      published: 0,
      publishedOnTime: 0,
      rejected: 0,
      openOverdue: 0,
      citizensReceived: 0,
    };
    for (const r of rows) {
      if (r.answered_on) {
        stats.answered++;
        if (r.answered_on <= r.response_due_on) stats.answeredOnTime++;
      }
      if (r.published_on && r.answered_on) {
        stats.published++;
        if (r.published_on <= this.calendar.addWorkingDays(r.answered_on, publishDays))
          stats.publishedOnTime++;
      }
      if (r.state === 'REJECTED') stats.rejected++;
      if ((r.state === 'RECEIVED' || r.state === 'ASSIGNED') && r.response_due_on < to) stats.openOverdue++;
    }
    const [visits] = await this.dataSource.query<Array<{ n: number }>>(
      `select coalesce(sum(visitors), 0)::int as n from citizen_receptions
       where received_on between $1 and $2 and ($3::uuid[] is null or unit_id = any($3))`,
      [from, to, scope],
    );
    stats.citizensReceived = visits?.n ?? 0;
    return stats;
  }

  private async load(id: string): Promise<FeedbackRow> {
    const scope = await this.scope.unitScope(this.actor());
    const [row] = await this.dataSource.query<FeedbackRow[]>(
      `select ${COLUMNS} from feedback_items where id = $1 and ($2::uuid[] is null or unit_id = any($2))`,
      [id, scopeParam(scope)],
    );
    if (!row) throw new DomainException('FEEDBACK_NOT_FOUND');
    return row;
  }

  private async transition(
    current: FeedbackRow,
    action: keyof typeof ALLOWED_FROM,
    version: number,
    set: string,
    params: unknown[],
  ): Promise<FeedbackDto> {
    if (!ALLOWED_FROM[action].includes(current.state)) {
      throw new DomainException(
        'FEEDBACK_ILLEGAL_TRANSITION',
        `Cannot ${action} a feedback in state ${current.state}`,
      );
    }
    return this.dataSource.transaction(async (manager) => {
      // For UPDATE … RETURNING, TypeORM's postgres driver answers [rows, affected count].
      const [[row]] = await manager.query<[FeedbackRow[], number]>(
        `update feedback_items set ${set}, version = version + 1 where id = $1 and version = $2 returning ${COLUMNS}`,
        [current.id, version, ...params],
      );
      if (!row) {
        throw new DomainException('VERSION_CONFLICT', 'The feedback was changed by someone else', {
          currentVersion: current.version,
        });
      }
      await this.audit.record(
        {
          action: action.toUpperCase(),
          entityType: 'feedback',
          entityId: row.id,
          before: { state: current.state },
          after: { state: row.state },
        },
        manager,
      );
      return this.toDto(row);
    });
  }

  private toDto(r: FeedbackRow, now = new Date()): FeedbackDto {
    const today = businessDate(now);
    const answeredOnTime = r.answered_on
      ? r.answered_on <= r.response_due_on
      : r.state === 'REJECTED'
        ? null
        : today > r.response_due_on
          ? false
          : null;
    return {
      id: r.id,
      code: r.code,
      kind: r.kind,
      source: r.source,
      state: r.state,
      agencyId: r.agency_id,
      procedureCode: r.procedure_code,
      dossierId: r.dossier_id,
      submitterName: r.submitter_name,
      subject: r.subject,
      content: r.content,
      receivedOn: r.received_on,
      responseDueOn: r.response_due_on,
      answer: r.answer,
      answeredOn: r.answered_on,
      publishedOn: r.published_on,
      rejectionReason: r.rejection_reason,
      answeredOnTime,
      version: r.version,
    };
  }
}
