import type { EntityManager } from 'typeorm';
import type { AdminLevel } from 'src/modules/dossiers/domain/dossier-state';
import { businessDate } from 'src/modules/dossiers/dossier-ports';
import type { DossierEntity } from 'src/modules/dossiers/entities/dossier.entity';
import type { StepOutcome } from 'src/modules/dossiers/entities/dossier-parts.entity';

/** EARLY / ON_TIME / LATE of an end instant against a due instant, by business date. */
export function outcomeOf(finishedAt: Date, dueAt: Date | null): StepOutcome | null {
  if (!dueAt) return null;
  const f = businessDate(finishedAt);
  const d = businessDate(dueAt);
  return f < d ? 'EARLY' : f === d ? 'ON_TIME' : 'LATE';
}

export interface StepMove {
  fromStepId: string | null;
  toStepId: string | null;
  stepOutcome: StepOutcome | null;
}

interface StepRow {
  id: string;
  status: string;
  level: AdminLevel | null;
  due_at: Date | null;
  agency_id: string | null;
}

/**
 * Moves a dossier from its active step to the next pending one (the first one at `level` when given, skipping the
 * steps of the levels in between), and writes the process-control-slip line: who handed over, to whom, when, the
 * step's due time and whether it finished early, on time or late.
 */
export async function advanceStep(
  m: EntityManager,
  d: DossierEntity,
  now: Date,
  by: string,
  to: { userId?: string; person?: string; note?: string; level?: AdminLevel; agencyId?: string },
): Promise<StepMove> {
  const steps = await m.query<StepRow[]>(
    `select id, status, level, due_at, agency_id from dossier_steps where dossier_id = $1 order by seq for update`,
    [d.id],
  );
  const activeIdx = steps.findIndex((s) => s.status === 'ACTIVE');
  const active = activeIdx >= 0 ? steps[activeIdx] : null;
  const pending = steps.slice(activeIdx + 1).filter((s) => s.status === 'PENDING');
  const next = (to.level ? pending.find((s) => s.level === to.level) : undefined) ?? pending[0] ?? null;
  let outcome: StepOutcome | null = null;
  if (active) {
    outcome = outcomeOf(now, active.due_at);
    await m.query(`update dossier_steps set status = 'DONE', finished_at = $2, outcome = $3 where id = $1`, [active.id, now, outcome]);
  }
  if (next) {
    const skipped = pending.slice(0, pending.indexOf(next)).map((s) => s.id);
    if (skipped.length) await m.query(`update dossier_steps set status = 'SKIPPED' where id = any($1::uuid[])`, [skipped]);
    await m.query(
      `update dossier_steps set status = 'ACTIVE', started_at = $2, assignee_user_id = $3, agency_id = coalesce($4, agency_id)
       where id = $1`,
      [next.id, now, to.userId ?? null, to.agencyId ?? null],
    );
  }
  await m.query(
    `insert into dossier_handovers (dossier_id, from_step_id, to_step_id, from_agency_id, to_agency_id, from_person,
       to_person, handed_at, step_due_at, step_outcome, note)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      d.id,
      active?.id ?? null,
      next?.id ?? null,
      active?.agency_id ?? d.handlingAgencyId,
      to.agencyId ?? next?.agency_id ?? d.handlingAgencyId,
      by,
      to.person ?? to.userId ?? null,
      now,
      active?.due_at ?? null,
      outcome,
      to.note ?? null,
    ],
  );
  return { fromStepId: active?.id ?? null, toStepId: next?.id ?? null, stepOutcome: outcome };
}
