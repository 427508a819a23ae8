import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** An event a module records with its state change. `payload` is JSON; never put secrets in it. */
export interface OutboxEventInput {
  aggregateType: string;
  aggregateId: string;
  /** Lower-case dotted name, e.g. `dossier.paused`, `step.deadline_set`. */
  eventType: string;
  payload?: Record<string, unknown>;
}

/** A committed event as the relay hands it to subscribers. `id` is the outbox row id (bigint as a string). */
export interface OutboxEvent {
  id: string;
  aggregateType: string;
  aggregateId: string;
  eventType: string;
  payload: Record<string, unknown>;
  createdAt: string;
}

/** Handles one committed event. Must be idempotent: an event can be dispatched more than once (at-least-once). */
export type OutboxSubscriber = (event: OutboxEvent) => Promise<void>;

/**
 * The transactional outbox. `append` writes the event with the caller's EntityManager, i.e. inside the caller's
 * transaction: a rollback removes the event too, a commit makes it visible to the relay. Subscribers (notifications,
 * reminders, integrations) register per event type and are called by the `outbox.dispatch` job.
 */
@Injectable()
export class OutboxService {
  private readonly logger = new Logger('Outbox');
  private readonly subscribers = new Map<string, OutboxSubscriber[]>();

  /** Appends one event in the caller's transaction; returns its id. */
  async append(manager: EntityManager, event: OutboxEventInput): Promise<string> {
    const [ids] = await this.appendMany(manager, [event]);
    return ids;
  }

  /** Appends several events in one statement, in order, in the caller's transaction. */
  async appendMany(manager: EntityManager, events: OutboxEventInput[]): Promise<string[]> {
    if (events.length === 0) return [];
    const rows = await manager.query<Array<{ id: string }>>(
      `insert into outbox_events (aggregate_type, aggregate_id, event_type, payload)
       select * from unnest($1::text[], $2::uuid[], $3::text[], $4::jsonb[])
       returning id`,
      [
        events.map((e) => e.aggregateType),
        events.map((e) => e.aggregateId),
        events.map((e) => e.eventType),
        events.map((e) => JSON.stringify(e.payload ?? {})),
      ],
    );
    return rows.map((r) => String(r.id));
  }

  /** Registers a subscriber for an event type (`*` for every type). Call from onModuleInit. */
  subscribe(eventType: string, subscriber: OutboxSubscriber): void {
    const list = this.subscribers.get(eventType) ?? [];
    list.push(subscriber);
    this.subscribers.set(eventType, list);
  }

  /** Runs every subscriber of the event's type; the first failure fails the job, which is retried with backoff. */
  async dispatch(event: OutboxEvent): Promise<number> {
    const targets = [...(this.subscribers.get(event.eventType) ?? []), ...(this.subscribers.get('*') ?? [])];
    for (const subscriber of targets) await subscriber(event);
    if (targets.length === 0) this.logger.debug(`No subscriber for ${event.eventType} (event ${event.id})`);
    return targets.length;
  }
}
