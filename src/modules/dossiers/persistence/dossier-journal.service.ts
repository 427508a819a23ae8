import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RequestContext, type Actor } from 'src/common/context/request-context';
import { AuditService } from 'src/modules/audit/audit.service';
import type { DossierState } from 'src/modules/dossiers/domain/dossier-state';

/**
 * Event types appended to `dossier_events` and mirrored to `outbox_events` (aggregate_type 'dossier'). Reminders,
 * reports and integrations depend on these names: add, never rename.
 */
export const DOSSIER_EVENT_TYPES = [
  'dossier.submitted',
  'dossier.received',
  'dossier.supplement_requested_at_receipt',
  'dossier.supplemented_at_receipt',
  'dossier.refused',
  'dossier.processing_started',
  'dossier.handed_over',
  'dossier.transferred',
  'dossier.assigned',
  'dossier.supplement_requested',
  'dossier.supplemented',
  'dossier.financial_obligation_requested',
  'dossier.financial_obligation_met',
  'dossier.documents_added',
  'dossier.apology_sent',
  'dossier.approved',
  'dossier.rejected',
  'dossier.returned_not_eligible',
  'dossier.withdrawal_requested',
  'dossier.withdrawn',
  'dossier.result_attached',
  'dossier.result_ready',
  'dossier.result_returned',
] as const;
export type DossierEventType = (typeof DOSSIER_EVENT_TYPES)[number];

export interface DossierEventInput {
  dossierId: string;
  type: DossierEventType;
  fromState: DossierState | null;
  toState: DossierState | null;
  /** Facts needed to replay the history (dates, due dates, reasons); never citizen ID or phone numbers. */
  payload?: Record<string, unknown>;
  /** For the audit trail: the changed fields, before and after (no personal data). */
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

export const SYSTEM_ACTOR: Actor = { kind: 'system', id: 'system', name: 'system', agencyId: null, roles: [], scopes: [] };

export function currentActor(): Actor {
  return RequestContext.actor() ?? SYSTEM_ACTOR;
}

/**
 * Writes, in the caller's transaction, the three records every dossier change leaves: the append-only dossier
 * event, the outbox row (same transaction, so consumers see exactly the committed changes) and the audit event.
 */
@Injectable()
export class DossierJournalService {
  constructor(private readonly audit: AuditService) {}

  async append(manager: EntityManager, e: DossierEventInput, occurredAt = new Date()): Promise<void> {
    const actor = currentActor();
    const payload = {
      ...(e.payload ?? {}),
      fromState: e.fromState,
      toState: e.toState,
      occurredAt: occurredAt.toISOString(),
      actor: { kind: actor.kind, id: actor.id },
    };
    await manager.query(
      `with ev as (
         insert into dossier_events (dossier_id, type, from_state, to_state, actor_kind, actor_id, actor_name, occurred_at, payload)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb)
         returning id
       )
       insert into outbox_events (aggregate_type, aggregate_id, event_type, payload)
       select 'dossier', $1, $2, $9::jsonb || jsonb_build_object('eventId', ev.id::text) from ev`,
      [
        e.dossierId,
        e.type,
        e.fromState,
        e.toState,
        actor.kind,
        actor.id,
        actor.name,
        occurredAt,
        JSON.stringify(payload),
      ],
    );
    await this.audit.record(
      {
        action: e.type.replace(/^dossier\./, '').toUpperCase(),
        entityType: 'dossier',
        entityId: e.dossierId,
        before: e.before ?? (e.fromState ? { state: e.fromState } : null),
        after: e.after ?? (e.toState ? { state: e.toState } : null),
      },
      manager,
    );
  }
}
