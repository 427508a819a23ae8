import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { RequestContext } from 'src/common/context/request-context';
import { diffFields } from 'src/modules/audit/audit-diff';

export interface AuditRecordInput {
  /** UPPER_SNAKE verb, e.g. `CREATE`, `UPDATE`, `DELETE`, `APPROVE`, `API_KEY_REVOKE`. */
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  /** Personal-data fields involved (for VIEW_PERSONAL_DATA). */
  personalFields?: string[];
}

export const VIEW_PERSONAL_DATA = 'VIEW_PERSONAL_DATA';

/**
 * Appends to `audit_events`. The actor, agency, request id and IP come from the RequestContext; the hash chain is
 * computed by the database trigger. Pass the transaction's EntityManager so the event commits (or rolls back) with
 * the change it describes.
 *
 * The chain serialises writers of the same day: the insert takes a per-day advisory lock held until the caller's
 * transaction ends. Record the event as the LAST statement of your transaction, and keep such transactions short.
 */
@Injectable()
export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  async record(input: AuditRecordInput, manager?: EntityManager): Promise<void> {
    const context = RequestContext.current();
    const actor = context?.actor;
    const diff = diffFields(input.before, input.after);
    await (manager ?? this.dataSource.manager).query(
      `insert into audit_events (actor_kind, actor_id, actor_name, agency_id, request_id, ip, action,
         entity_type, entity_id, diff, personal_fields)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11)`,
      [
        actor?.kind ?? (context ? 'anonymous' : 'system'),
        actor?.id ?? null,
        actor?.name ?? null,
        actor?.agencyId ?? null,
        context?.requestId ?? null,
        context?.ip ?? null,
        input.action,
        input.entityType,
        input.entityId ?? null,
        diff ? JSON.stringify(diff) : null,
        input.personalFields ?? [],
      ],
    );
  }

  /** Records that the caller saw personal data of one record (Law 91/2025/QH15). Call it on single-record reads. */
  personalDataViewed(entityType: string, entityId: string, fields: string[], manager?: EntityManager): Promise<void> {
    return this.record({ action: VIEW_PERSONAL_DATA, entityType, entityId, personalFields: fields }, manager);
  }
}
