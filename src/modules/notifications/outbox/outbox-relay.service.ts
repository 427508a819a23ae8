import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { QueueService } from 'src/queue/queue.service';

export const OUTBOX_RELAY_BATCH = 500;

interface OutboxRow {
  id: string;
  aggregate_type: string;
  aggregate_id: string;
  event_type: string;
  payload: Record<string, unknown>;
  created_at: Date;
}

/** Job id of an outbox event's dispatch job: derived from the event id, so relaying twice enqueues once. */
export function outboxJobId(eventId: string): string {
  return `outbox-${eventId}`;
}

/**
 * Moves committed outbox rows to the `outbox` queue in bounded batches. Each batch locks its rows with
 * FOR UPDATE SKIP LOCKED (two relays never take the same rows and never wait on each other), enqueues them with
 * idempotent job ids, then marks them published in the same transaction: if enqueueing fails the rows stay
 * unpublished; if the commit fails after enqueueing, the next relay re-adds the same job ids (no duplicate job).
 * Uncommitted rows are invisible to the relay, so a rolled-back change never produces an event.
 */
@Injectable()
export class OutboxRelayService {
  private readonly logger = new Logger('OutboxRelay');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: QueueService,
  ) {}

  /** Relays one batch; returns how many events it published. */
  async relayBatch(limit = OUTBOX_RELAY_BATCH): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await manager.query<OutboxRow[]>(
        `select id, aggregate_type, aggregate_id, event_type, payload, created_at
           from outbox_events
          where published_at is null
          order by id
          limit $1
          for update skip locked`,
        [limit],
      );
      if (rows.length === 0) return 0;
      await this.queues.addBulk(
        'outbox.dispatch',
        rows.map((r) => ({
          payload: {
            id: String(r.id),
            aggregateType: r.aggregate_type,
            aggregateId: r.aggregate_id,
            eventType: r.event_type,
            payload: r.payload,
            createdAt: new Date(r.created_at).toISOString(),
          },
          options: { jobId: outboxJobId(String(r.id)) },
        })),
      );
      await manager.query(`update outbox_events set published_at = now() where id = any($1::bigint[])`, [
        rows.map((r) => r.id),
      ]);
      return rows.length;
    });
  }

  /** Relays until no unpublished row is left (or `maxBatches` is reached); returns the number published. */
  async relayPending(maxBatches = 100): Promise<number> {
    let total = 0;
    for (let i = 0; i < maxBatches; i++) {
      const n = await this.relayBatch();
      total += n;
      if (n < OUTBOX_RELAY_BATCH) break;
    }
    if (total > 0) this.logger.debug(`Relayed ${total} outbox event(s)`);
    return total;
  }

  /** Asks a worker to relay now (e.g. right after a commit), instead of waiting for the scheduler's next tick. */
  async requestRelay(): Promise<void> {
    await this.queues.add('outbox.relay', { reason: 'on-demand' }, { jobId: `outbox-relay-${Date.now()}` });
  }
}
