import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RequestContext, type Actor } from 'src/common/context/request-context';
import { DomainException } from 'src/common/errors/domain.exception';
import { decodeCursor, pageSize, type Page } from 'src/common/pagination/pagination';
import { verifyAuditChain, type ChainReport } from 'src/modules/audit/audit-chain';
import { AuditService } from 'src/modules/audit/audit.service';
import { isPersonalDataField, maskPersonalData } from 'src/modules/audit/personal-data';
import { keysetPage } from 'src/modules/organisation/keyset-page';
import { AccessScopeService, scopeParam } from 'src/modules/organisation/units/access-scope.service';

export interface AuditEvent {
  id: string;
  seq: string;
  recordedAt: Date;
  actorKind: string;
  actorId: string | null;
  actorName: string | null;
  agencyId: string | null;
  requestId: string | null;
  ip: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  diff: unknown;
  personalFields: string[];
  prevHash: string;
  hash: string;
  /** True when personal-data values in `diff` were replaced by `***`. */
  masked: boolean;
}

export interface AuditEventFilter {
  actorId?: string;
  entityType?: string;
  entityId?: string;
  action?: string;
  from?: Date;
  to?: Date;
  limit?: number;
  cursor?: string;
}

const COLUMNS = `e.id, e.seq::text as seq, e.recorded_at as "recordedAt", e.actor_kind as "actorKind",
  e.actor_id as "actorId", e.actor_name as "actorName", e.agency_id as "agencyId", e.request_id as "requestId",
  e.ip, e.action, e.entity_type as "entityType", e.entity_id as "entityId", e.diff,
  e.personal_fields as "personalFields", e.prev_hash as "prevHash", e.hash`;

const hasPersonalData = (value: unknown): boolean =>
  value !== null &&
  typeof value === 'object' &&
  Object.entries(value as Record<string, unknown>).some(([k, v]) => isPersonalDataField(k) || hasPersonalData(v));

/**
 * The auditor's view of the trail, newest first, limited to events of agencies in the caller's scope (system
 * events without an agency only for an all-units scope). Diffs are masked unless one record (entityType +
 * entityId) is asked for; an unmasked answer that contains personal data is itself recorded as VIEW_PERSONAL_DATA.
 */
@Injectable()
export class AuditQueryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scopes: AccessScopeService,
    private readonly audit: AuditService,
  ) {}

  async list(filter: AuditEventFilter, actor: Actor | undefined = RequestContext.actor()): Promise<Page<AuditEvent>> {
    const scope = scopeParam(await this.scopes.unitScope(actor));
    const limit = pageSize(filter.limit);
    const cursor = decodeCursor(filter.cursor);
    if (filter.from && filter.to && filter.from > filter.to)
      throw new DomainException('VALIDATION_FAILED', '`from` must not be after `to`');
    const rows = await this.dataSource.query<Array<Omit<AuditEvent, 'masked'>>>(
      `select ${COLUMNS} from audit_events e
        where ($1::uuid[] is null or e.agency_id in (select a.id from agencies a where a.unit_id = any($1::uuid[])))
          and ($2::text is null or e.actor_id = $2) and ($3::text is null or e.entity_type = $3)
          and ($4::text is null or e.entity_id = $4) and ($5::text is null or e.action = $5)
          and ($6::timestamptz is null or e.recorded_at >= $6) and ($7::timestamptz is null or e.recorded_at < $7)
          and ($8::bigint is null or e.seq < $8::bigint)
        order by e.seq desc limit $9`,
      [scope, filter.actorId ?? null, filter.entityType ?? null, filter.entityId ?? null, filter.action ?? null,
        filter.from ?? null, filter.to ?? null, cursor ? String(cursor.k) : null, limit + 1],
    );
    const oneRecord = Boolean(filter.entityType && filter.entityId);
    const page = keysetPage(
      rows.map((row) => ({
        ...row,
        diff: oneRecord ? row.diff : maskPersonalData(row.diff),
        masked: !oneRecord && hasPersonalData(row.diff),
      })),
      limit,
      (e) => e.seq,
    );
    const items = page.items;
    if (oneRecord && items.some((e) => hasPersonalData(e.diff))) {
      const fields = [...new Set(items.flatMap((e) => personalKeys(e.diff)))];
      await this.audit.personalDataViewed(`audit:${filter.entityType}`, filter.entityId as string, fields);
    }
    return page;
  }

  verify(from?: string, to?: string): Promise<ChainReport> {
    return verifyAuditChain((sql, params) => this.dataSource.query(sql, params), from, to);
  }
}

function personalKeys(value: unknown): string[] {
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
    isPersonalDataField(k) ? [k] : personalKeys(v),
  );
}
