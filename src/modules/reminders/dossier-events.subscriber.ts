import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { OutboxEvent } from 'src/modules/notifications/outbox/outbox.service';
import { OutboxService } from 'src/modules/notifications/outbox/outbox.service';
import { NotificationsService, type NotifyInput } from 'src/modules/notifications/notifications.service';
import { DossierFactsPort, type DossierFacts } from 'src/modules/reminders/dossier-facts.port';
import { businessDateOf } from 'src/modules/reminders/reminder-calendar';
import { RemindersService, type RungRow } from 'src/modules/reminders/reminders.service';

/** Events that put a (new) step in charge: its ladder is armed, other steps' rungs are superseded. */
const ARMING = [
  'dossier.processing_started',
  'dossier.handed_over',
  'dossier.assigned',
  'dossier.transferred',
  'dossier.supplemented',
  'dossier.apology_sent',
];
/** Events after which nothing is due any more. */
const FINISHING = [
  'dossier.approved',
  'dossier.rejected',
  'dossier.returned_not_eligible',
  'dossier.withdrawn',
  'dossier.refused',
  'dossier.result_ready',
  'dossier.result_returned',
];
const EPOCH_2020 = Date.UTC(2020, 0, 1);

/**
 * A step's deadline version: its due time in minutes since 2020 — a moved deadline (resume, extension) is a new
 * version, the same deadline the same version, so replays of an event never re-arm fired rungs.
 */
export function deadlineVersionOf(due: Date): number {
  return Math.floor((due.getTime() - EPOCH_2020) / 60_000);
}

/**
 * Turns the dossier module's outbox events into reminder-ledger changes and applicant notifications, in one
 * transaction per event; idempotent (dedupe keys from the outbox event id, unique rungs), so a re-dispatched
 * event changes nothing.
 */
@Injectable()
export class DossierEventsSubscriber implements OnModuleInit {
  private readonly logger = new Logger('DossierEvents');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly reminders: RemindersService,
    private readonly notifications: NotificationsService,
    private readonly dossiers: DossierFactsPort,
  ) {}

  onModuleInit(): void {
    for (const type of [...ARMING, ...FINISHING, 'dossier.supplement_requested']) {
      this.outbox.subscribe(type, (event) => this.handle(event));
    }
  }

  async handle(event: OutboxEvent): Promise<void> {
    const p = event.payload;
    const { rungs, deliveries } = await this.dataSource.transaction(async (manager) => {
      const facts = await this.dossiers.facts(manager, event.aggregateId);
      if (!facts) return { rungs: [] as RungRow[], deliveries: [] as string[] };
      let rungs: RungRow[] = [];
      if (event.eventType === 'dossier.supplement_requested')
        await this.reminders.cancelDossier(manager, facts.dossierId, 'paused');
      if (FINISHING.includes(event.eventType))
        await this.reminders.cancelDossier(manager, facts.dossierId, 'completed');
      const step = facts.activeStep;
      // State-based: a late or repeated event never re-arms a paused dossier (events may be dispatched out of order).
      if (ARMING.includes(event.eventType) && step?.assignee && !facts.paused) {
        await this.reminders.cancelDossier(manager, facts.dossierId, 'superseded', step.id);
        rungs = await this.reminders.armStep(manager, {
          stepId: step.id,
          dossierId: facts.dossierId,
          dossierCode: facts.dossierCode,
          stepName: step.name,
          procedureCode: facts.procedureCode,
          deadlineVersion: deadlineVersionOf(step.due),
          due: step.due,
          dueDate: businessDateOf(step.due),
          assignee: step.assignee,
          leader: step.leader,
        });
      }
      const notice = this.applicantNotice(event, facts, p);
      const deliveries = notice ? await this.notifications.notify(manager, [notice]) : [];
      return { rungs, deliveries };
    });
    await this.notifications.enqueue(deliveries);
    await this.reminders.schedule(rungs);
    if (rungs.length > 0) this.logger.debug(`Armed ${rungs.length} rung(s) after ${event.eventType}`);
  }

  private applicantNotice(
    event: OutboxEvent,
    f: DossierFacts,
    p: Record<string, unknown>,
  ): NotifyInput | undefined {
    const kind = {
      'dossier.supplement_requested': 'DOSSIER_PAUSED',
      'dossier.supplemented': 'DOSSIER_RESUMED',
      'dossier.result_ready': 'DOSSIER_READY',
      'dossier.apology_sent': 'DOSSIER_LATE',
    }[event.eventType] as NotifyInput['kind'] | undefined;
    if (!kind) return undefined;
    return {
      kind,
      sourceKey: `event:${event.id}`,
      data: {
        dossierId: f.dossierId,
        dossierCode: f.dossierCode,
        applicantName: f.applicantName,
        state: p.toState ?? null,
        pausedDate: p.pausedFrom ?? null,
        reason: p.reason ?? null,
        dueDate: p.dueDate ?? f.dueDate,
        previousDueDate: p.previousDueDate ?? null,
        newDueDate: p.newDueDate ?? null,
        sequence: event.id,
      },
      recipients: [{ ref: `applicant:${f.dossierId}`, email: f.applicantEmail, phone: f.applicantPhone }],
      webhook: {},
    };
  }
}
