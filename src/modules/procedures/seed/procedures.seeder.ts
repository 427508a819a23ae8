import type { EntityManager } from 'typeorm';
import type { Seeder } from 'src/database/seed/seeder';
import { AuditService } from 'src/modules/audit/audit.service';
import { seedDecisions } from 'src/modules/procedures/seed/procedures-seed';
import { ProcedureVersionStore } from 'src/modules/procedures/persistence/procedure-version.store';
import { ProcedureDecisionsService } from 'src/modules/procedures/procedure-decisions.service';

/**
 * The 66 procedures of the sector (seed-data/procedures-sector.json) with the publication decisions they came
 * from, applied through the same decision path as staff edits. Idempotent: a decision already seeded (seed_key) is
 * skipped. Values the source does not state stay null.
 */
export class ProceduresSeeder implements Seeder {
  readonly name = 'procedures';
  readonly order = 30;

  async run(manager: EntityManager): Promise<void> {
    await this.seed(manager);
  }

  /** Applies the seed decisions not yet applied; returns how many decisions and procedures it added. */
  async seed(manager: EntityManager): Promise<{ decisions: number; procedures: number }> {
    const decisions = new ProcedureDecisionsService(
      manager.connection,
      new ProcedureVersionStore(),
      new AuditService(manager.connection),
    );
    // Link an agency only when its registered name is exactly the one the source prints (no fuzzy guessing).
    const agencies = await manager.query<Array<{ id: string; name: string }>>(
      `select id, name from agencies`,
    );
    const agencyId = new Map(agencies.map((a) => [a.name, a.id]));
    let applied = 0;
    let procedures = 0;
    for (const draft of seedDecisions()) {
      for (const item of draft.items)
        if (item.content?.implementingAgencyName)
          item.content.implementingAgencyId = agencyId.get(item.content.implementingAgencyName) ?? null;
      const seen = await manager.query<unknown[]>(`select 1 from procedure_decisions where seed_key = $1`, [
        draft.seedKey,
      ]);
      if (seen.length > 0) continue;
      await decisions.createAndApply(draft, manager);
      applied++;
      procedures += draft.items.length;
    }
    return { decisions: applied, procedures };
  }
}
