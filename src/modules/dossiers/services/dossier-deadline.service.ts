import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DeadlineLedgerService, type LedgerKey, type LedgerView } from 'src/modules/calendar/deadline-ledger.service';
import type { DossierEntity } from 'src/modules/dossiers/entities/dossier.entity';

/** The ledger key of a dossier's statutory deadline ('*' = the whole dossier). */
export function dossierLedgerKey(dossierId: string): LedgerKey {
  return { subjectType: 'DOSSIER', subjectId: dossierId, stepKey: '*' };
}

/**
 * Keeps the calendar module's deadline ledger in step with the dossier, in the dossier's transaction: opened at
 * acceptance, paused while waiting for a supplement, resumed when it arrives, closed at the decision or when the
 * dossier stops. Reports compute on-time figures from this ledger and the dossier events. Dossiers whose limit is in
 * calendar days (a few ministerial procedures) or unstated have no ledger.
 */
@Injectable()
export class DossierDeadlineService {
  constructor(private readonly ledger: DeadlineLedgerService) {}

  tracked(d: Pick<DossierEntity, 'timeLimitUnit' | 'timeLimitAmount'>): boolean {
    return d.timeLimitAmount !== null && (d.timeLimitUnit === 'WORKING_DAYS' || d.timeLimitUnit === 'WORKING_HOURS');
  }

  async open(m: EntityManager, d: DossierEntity, receivedAt: Date, postmarkDate: string | null): Promise<LedgerView | null> {
    if (!this.tracked(d)) return null;
    return this.ledger.open(
      {
        ...dossierLedgerKey(d.id),
        budget: { amount: Number(d.timeLimitAmount), unit: d.timeLimitUnit as 'WORKING_DAYS' | 'WORKING_HOURS' },
        anchorAt: receivedAt,
        postmarkDate,
        agencyId: d.agencyId,
      },
      m,
    );
  }

  async pause(m: EntityManager, d: DossierEntity, at: Date, reason: string): Promise<void> {
    if (this.tracked(d) && d.acceptedAt)
      await this.ledger.pause(dossierLedgerKey(d.id), { at, reasonCode: 'SUPPLEMENT', reason: reason.slice(0, 500) }, m);
  }

  async resume(m: EntityManager, d: DossierEntity, at: Date): Promise<LedgerView | null> {
    if (!this.tracked(d) || !d.acceptedAt) return null;
    return this.ledger.resume(dossierLedgerKey(d.id), { at }, m);
  }

  async close(m: EntityManager, d: DossierEntity, at: Date, reason: string): Promise<void> {
    if (this.tracked(d) && d.acceptedAt) await this.ledger.close(dossierLedgerKey(d.id), { at, reason }, m);
  }
}
