import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from 'src/common/context/request-context';
import { DomainException } from 'src/common/errors/domain.exception';
import { AccessScopeService, scopeParam } from 'src/modules/organisation/units/access-scope.service';
import { nextState, type DossierAction, type DossierState } from 'src/modules/dossiers/domain/dossier-state';
import { DossierEntity } from 'src/modules/dossiers/entities/dossier.entity';
import {
  DossierJournalService,
  currentActor,
  type DossierEventType,
} from 'src/modules/dossiers/persistence/dossier-journal.service';

export type DossierChanges = Partial<Record<keyof DossierEntity, unknown>>;

export interface MutationOutcome {
  set: DossierChanges;
  event: DossierEventType;
  payload?: Record<string, unknown>;
  /** Extra writes (steps, handovers, …) in the same transaction, after the dossier row is updated. */
  after?: (manager: EntityManager, updated: DossierEntity) => Promise<void>;
}

const SNAKE = (s: string): string => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Fields that never go into events or the audit diff (personal data). */
const PERSONAL = new Set(['applicantIdNumber', 'applicantPhone', 'applicantEmail', 'applicantAddress', 'applicantName']);

/** SQL fragment: the dossier is visible to a scope given as `$n::uuid[]` (null = all units). */
export function scopeSql(param: string, alias = 'd'): string {
  return `(${param}::uuid[] is null or ${alias}.unit_id = any(${param}::uuid[]) or ${alias}.handling_unit_id = any(${param}::uuid[]))`;
}

/**
 * Loads dossiers within the caller's scope (in the SQL WHERE) and applies versioned changes: a write names the version
 * it read, and the update only succeeds while that is still the current one (optimistic locking, VERSION_CONFLICT
 * with the current version otherwise). State changes go through the state machine and are journalled.
 */
@Injectable()
export class DossierStoreService {
  constructor(
    readonly dataSource: DataSource,
    private readonly scopes: AccessScopeService,
    private readonly journal: DossierJournalService,
  ) {}

  async scope(actor: Actor | undefined = currentActor()): Promise<string[] | null> {
    return scopeParam(await this.scopes.unitScope(actor));
  }

  async findScoped(manager: EntityManager, id: string, scope: string[] | null): Promise<DossierEntity> {
    const found = await manager
      .getRepository(DossierEntity)
      .createQueryBuilder('d')
      .where('d.id = :id', { id })
      .andWhere(scopeSql(':scope'), { scope })
      .getOne();
    if (!found) throw new DomainException('DOSSIER_NOT_FOUND', 'No dossier with this id in your scope');
    return found;
  }

  /**
   * Applies `action` to dossier `id` at `expectedVersion` in one transaction: scope check, state machine, versioned
   * update, extra writes, event + outbox + audit.
   */
  async mutate(
    id: string,
    expectedVersion: number,
    action: DossierAction | null,
    build: (d: DossierEntity, to: DossierState, manager: EntityManager) => Promise<MutationOutcome>,
  ): Promise<DossierEntity> {
    const scope = await this.scope();
    return this.dataSource.transaction(async (manager) => {
      const d = await this.findScoped(manager, id, scope);
      if (d.version !== expectedVersion) throw versionConflict(d.version);
      const to = action ? nextState(d.state, action) : d.state;
      const outcome = await build(d, to, manager);
      const updated = await this.update(manager, d, { ...outcome.set, state: to });
      if (outcome.after) await outcome.after(manager, updated);
      await this.journal.append(manager, {
        dossierId: id,
        type: outcome.event,
        fromState: d.state,
        toState: to,
        payload: { version: updated.version, ...(outcome.payload ?? {}) },
        before: publicFields(d, outcome.set),
        after: publicFields(updated, outcome.set),
      });
      return updated;
    });
  }

  /** Versioned update of the given fields; VERSION_CONFLICT when someone else wrote first. */
  async update(manager: EntityManager, d: DossierEntity, set: DossierChanges): Promise<DossierEntity> {
    const cols = Object.keys(set);
    const assignments = cols.map((c, i) => `${SNAKE(c)} = $${i + 3}`);
    const result = await manager.query<[Array<{ id: string }>, number]>(
      `update dossiers set ${[...assignments, 'version = version + 1', 'updated_at = now()'].join(', ')}
       where id = $1 and version = $2 returning id`,
      [d.id, d.version, ...cols.map((c) => set[c as keyof DossierEntity])],
    );
    const rows = Array.isArray(result[0]) ? result[0] : (result as unknown as Array<{ id: string }>);
    if (rows.length === 0) {
      const [cur] = await manager.query<Array<{ version: number }>>(`select version from dossiers where id = $1`, [d.id]);
      throw versionConflict(cur?.version ?? d.version);
    }
    const fresh = await manager.getRepository(DossierEntity).findOneByOrFail({ id: d.id });
    return fresh;
  }
}

export function versionConflict(currentVersion: number): DomainException {
  return new DomainException('VERSION_CONFLICT', `The dossier is now at version ${currentVersion}; reload and retry`, {
    currentVersion,
  });
}

function publicFields(d: DossierEntity, set: DossierChanges): Record<string, unknown> {
  const out: Record<string, unknown> = { state: d.state, version: d.version };
  for (const k of Object.keys(set)) if (!PERSONAL.has(k)) out[k] = d[k as keyof DossierEntity];
  return out;
}
