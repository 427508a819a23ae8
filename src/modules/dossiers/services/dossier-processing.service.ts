import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainException } from 'src/common/errors/domain.exception';
import { assertTransferLevels, structureOn, type AdminLevel } from 'src/modules/dossiers/domain/dossier-state';
import { DossierCalendarPort, DossierClock, businessDate, endOfBusinessDay } from 'src/modules/dossiers/dossier-ports';
import type { DossierEntity } from 'src/modules/dossiers/entities/dossier.entity';
import { currentActor } from 'src/modules/dossiers/persistence/dossier-journal.service';
import { DossierStoreService } from 'src/modules/dossiers/persistence/dossier-store.service';
import { DossierDeadlineService } from 'src/modules/dossiers/services/dossier-deadline.service';
import { advanceStep, outcomeOf } from 'src/modules/dossiers/services/dossier-steps';
import { DossierReceiptService, type SubmittedDocumentInput } from 'src/modules/dossiers/services/dossier-receipt.service';

export interface DecisionInput {
  decisionNumber: string;
  signer: string;
  /** 'YYYY-MM-DD'; defaults to today. */
  decisionDate?: string;
  reason?: string;
  legalBasis?: string;
}

/**
 * Everything that happens to an accepted dossier: handovers between steps (process control slip), assignment,
 * inter-level transfer, supplements with the clock stopped, decisions, return for not meeting conditions, withdrawal.
 * Every method takes the version the caller read (optimistic locking).
 */
@Injectable()
export class DossierProcessingService {
  constructor(
    private readonly store: DossierStoreService,
    private readonly receipt: DossierReceiptService,
    private readonly calendar: DossierCalendarPort,
    private readonly clock: DossierClock,
    private readonly deadlines: DossierDeadlineService,
  ) {}

  // --- at receipt ---

  requestSupplementAtReceipt(id: string, version: number, missing: string[], reason: string): Promise<DossierEntity> {
    return this.store.mutate(id, version, 'REQUEST_SUPPLEMENT_AT_RECEIPT', async (d, _to, m) => {
      await this.insertSupplementRequest(m, d.id, 'AT_RECEIPT', missing, reason, null);
      return { set: {}, event: 'dossier.supplement_requested_at_receipt', payload: { missing, reason } };
    });
  }

  supplementAtReceipt(id: string, version: number, documents: SubmittedDocumentInput[]): Promise<DossierEntity> {
    return this.store.mutate(id, version, 'SUPPLEMENT_AT_RECEIPT', async (d, _to, m) => {
      await this.receipt.insertDocuments(m, d.id, documents, true);
      await m.query(
        `update dossier_supplement_requests set provided_at = $2 where dossier_id = $1 and provided_at is null`,
        [d.id, this.clock.now()],
      );
      return { set: {}, event: 'dossier.supplemented_at_receipt', payload: { documents: documents.length } };
    });
  }

  refuse(id: string, version: number, reason: string): Promise<DossierEntity> {
    return this.store.mutate(id, version, 'REFUSE', async () => ({
      set: { refusalReason: reason, stoppedAt: this.clock.now() },
      event: 'dossier.refused',
      payload: { reason },
    }));
  }

  // --- processing ---

  /**
   * Hands the dossier to the next step (the first handover starts processing): closes the active step with its
   * outcome against its due time, opens the next, and writes a line of the process control slip.
   */
  handover(id: string, version: number, to: { userId?: string; person?: string; note?: string }): Promise<DossierEntity> {
    return this.store.mutate(id, version, 'HANDOVER', async (d, _to, m) => {
      const move = await advanceStep(m, d, this.clock.now(), currentActor().name, to);
      return {
        set: { assigneeUserId: to.userId ?? null },
        event: d.state === 'RECEIVED' ? 'dossier.processing_started' : 'dossier.handed_over',
        payload: { ...move },
      };
    });
  }

  assign(id: string, version: number, userId: string): Promise<DossierEntity> {
    return this.store.mutate(id, version, 'ASSIGN', async (d, _to, m) => {
      await m.query(`update dossier_steps set assignee_user_id = $2 where dossier_id = $1 and status = 'ACTIVE'`, [
        d.id,
        userId,
      ]);
      return { set: { assigneeUserId: userId }, event: 'dossier.assigned', payload: { assigneeUserId: userId } };
    });
  }

  /** Inter-level transfer (liên thông): commune → district → province, or commune → province after 1 July 2025. */
  transfer(id: string, version: number, toAgencyId: string, note?: string): Promise<DossierEntity> {
    return this.store.mutate(id, version, 'TRANSFER', async (d, _to, m) => {
      const [target] = await m.query<Array<{ id: string; unit_id: string; level: AdminLevel }>>(
        `select a.id, a.unit_id, u.level from agencies a join admin_units u on u.id = a.unit_id where a.id = $1 and a.active`,
        [toAgencyId],
      );
      if (!target) throw new DomainException('NOT_FOUND', 'No active agency with this id');
      const now = this.clock.now();
      assertTransferLevels(d.handlingLevel, target.level, structureOn(businessDate(now)));
      const move = await advanceStep(m, d, now, currentActor().name, { note, level: target.level, agencyId: target.id });
      return {
        set: { handlingAgencyId: target.id, handlingUnitId: target.unit_id, handlingLevel: target.level, assigneeUserId: null },
        event: 'dossier.transferred',
        payload: { fromAgencyId: d.handlingAgencyId, toAgencyId: target.id, fromLevel: d.handlingLevel, toLevel: target.level, ...move },
      };
    });
  }

  /** Asks the applicant for a supplement during processing: the clock stops from today. */
  requestSupplement(id: string, version: number, missing: string[], reason: string): Promise<DossierEntity> {
    return this.store.mutate(id, version, 'REQUEST_SUPPLEMENT', async (d, _to, m) => {
      const today = this.clock.today();
      await this.insertSupplementRequest(m, d.id, 'IN_PROCESSING', missing, reason, today);
      await this.deadlines.pause(m, d, this.clock.now(), reason);
      return {
        set: { pausedSince: today, supplementRequests: d.supplementRequests + 1 },
        event: 'dossier.supplement_requested',
        payload: { missing, reason, pausedFrom: today, requestNumber: d.supplementRequests + 1 },
      };
    });
  }

  /**
   * The supplement arrives: the clock resumes, and the appointment date (and the active step's due time) moves by
   * exactly the working days the clock was stopped, [pausedSince, today).
   */
  supplement(id: string, version: number, documents: SubmittedDocumentInput[]): Promise<DossierEntity> {
    return this.store.mutate(id, version, 'SUPPLEMENT', async (d, _to, m) => {
      const today = this.clock.today();
      const paused = d.pausedSince ? await this.calendar.workingDaysBetween(d.pausedSince, today) : 0;
      const ledger = await this.deadlines.resume(m, d, this.clock.now());
      // An apology may have moved the appointment; the move by the paused days applies to it as well.
      const shifted = d.dueDate && paused > 0 ? await this.calendar.addWorkingDays(d.dueDate, paused) : d.dueDate;
      const dueDate = ledger && !d.appointmentMoved ? ledger.dueDate : shifted;
      await this.receipt.insertDocuments(m, d.id, documents, true);
      await m.query(
        `update dossier_supplement_requests set provided_at = $2, paused_working_days = $3
         where dossier_id = $1 and provided_at is null`,
        [d.id, this.clock.now(), paused],
      );
      if (paused > 0) await this.shiftActiveStep(m, d.id, paused);
      return {
        set: {
          pausedSince: null,
          pausedWorkingDays: d.pausedWorkingDays + paused,
          dueDate,
          dueAt: ledger && !d.appointmentMoved ? ledger.dueAt : dueDate ? endOfBusinessDay(dueDate) : null,
        },
        event: 'dossier.supplemented',
        payload: { pausedFrom: d.pausedSince, resumedOn: today, pausedWorkingDays: paused, previousDueDate: d.dueDate, dueDate },
      };
    });
  }

  approve(id: string, version: number, decision: DecisionInput): Promise<DossierEntity> {
    return this.decide(id, version, 'APPROVE', decision);
  }

  reject(id: string, version: number, decision: DecisionInput): Promise<DossierEntity> {
    if (!decision.reason || !decision.legalBasis)
      throw new DomainException('VALIDATION_FAILED', 'A rejection states its reasons and legal basis', {
        errors: [{ field: 'reason', message: 'reason and legalBasis are required' }],
      });
    return this.decide(id, version, 'REJECT', decision);
  }

  returnNotEligible(id: string, version: number, reason: string): Promise<DossierEntity> {
    return this.store.mutate(id, version, 'RETURN_NOT_ELIGIBLE', async (d, _to, m) => {
      await this.deadlines.close(m, d, this.clock.now(), 'RETURNED_NOT_ELIGIBLE');
      return { set: { decisionReason: reason, stoppedAt: this.clock.now(), pausedSince: null }, event: 'dossier.returned_not_eligible', payload: { reason } };
    });
  }

  requestWithdrawal(id: string, version: number, reason: string): Promise<DossierEntity> {
    return this.store.mutate(id, version, 'REQUEST_WITHDRAWAL', async () => ({
      set: {},
      event: 'dossier.withdrawal_requested',
      payload: { reason },
    }));
  }

  /** Asks the applicant to pay fees or taxes before processing continues (portal status 6). */
  requestFinancialObligation(id: string, version: number, detail: string): Promise<DossierEntity> {
    return this.store.mutate(id, version, 'REQUEST_FINANCIAL_OBLIGATION', async () => ({
      set: {},
      event: 'dossier.financial_obligation_requested',
      payload: { detail },
    }));
  }

  financialObligationMet(id: string, version: number, reference: string): Promise<DossierEntity> {
    return this.store.mutate(id, version, 'FINANCIAL_OBLIGATION_MET', async () => ({
      set: {},
      event: 'dossier.financial_obligation_met',
      payload: { reference },
    }));
  }

  /** Stops processing at the applicant's request (Circular 03/2025 art. 7): the notice of stopping. */
  withdraw(id: string, version: number, reason: string): Promise<DossierEntity> {
    return this.store.mutate(id, version, 'WITHDRAW', async (d, _to, m) => {
      await this.deadlines.close(m, d, this.clock.now(), 'WITHDRAWN');
      return { set: { stoppedAt: this.clock.now(), pausedSince: null, decisionReason: reason }, event: 'dossier.withdrawn', payload: { reason } };
    });
  }

  private decide(id: string, version: number, action: 'APPROVE' | 'REJECT', x: DecisionInput): Promise<DossierEntity> {
    return this.store.mutate(id, version, action, async (d, _to, m) => {
      const now = this.clock.now();
      const active = await m.query<Array<{ id: string; due_at: Date | null }>>(
        `select id, due_at from dossier_steps where dossier_id = $1 and status = 'ACTIVE'`,
        [d.id],
      );
      for (const s of active)
        await m.query(`update dossier_steps set status = 'DONE', finished_at = $2, outcome = $3 where id = $1`, [
          s.id,
          now,
          outcomeOf(now, s.due_at),
        ]);
      await m.query(`update dossier_steps set status = 'SKIPPED' where dossier_id = $1 and status = 'PENDING'`, [d.id]);
      await this.deadlines.close(m, d, now, action === 'APPROVE' ? 'APPROVED' : 'REJECTED');
      const outcome = outcomeOf(now, d.dueAt);
      return {
        set: {
          decisionNumber: x.decisionNumber,
          decisionSigner: x.signer,
          decisionDate: x.decisionDate ?? businessDate(now),
          decisionReason: x.reason ?? null,
          legalBasis: x.legalBasis ?? null,
          resolvedAt: now,
        },
        event: action === 'APPROVE' ? 'dossier.approved' : 'dossier.rejected',
        payload: { decisionNumber: x.decisionNumber, resolvedAt: now.toISOString(), dueDate: d.dueDate, outcome },
      };
    });
  }

  private async shiftActiveStep(m: EntityManager, dossierId: string, days: number): Promise<void> {
    const steps = await m.query<Array<{ id: string; due_at: Date | null }>>(
      `select id, due_at from dossier_steps where dossier_id = $1 and status in ('ACTIVE', 'PENDING') and due_at is not null`,
      [dossierId],
    );
    for (const s of steps) {
      const moved = await this.calendar.addWorkingDays(businessDate(s.due_at as Date), days);
      await m.query(`update dossier_steps set due_at = $2 where id = $1`, [s.id, endOfBusinessDay(moved)]);
    }
  }

  private async insertSupplementRequest(
    m: EntityManager,
    dossierId: string,
    stage: 'AT_RECEIPT' | 'IN_PROCESSING',
    missing: string[],
    reason: string,
    pausedFrom: string | null,
  ): Promise<void> {
    await m.query(
      `insert into dossier_supplement_requests (dossier_id, stage, missing, reason, requested_by, requested_at, paused_from)
       values ($1, $2, $3::jsonb, $4, $5, $6, $7)`,
      [dossierId, stage, JSON.stringify(missing), reason, currentActor().name, this.clock.now(), pausedFrom],
    );
  }
}
