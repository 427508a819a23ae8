import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from 'src/common/context/request-context';
import { DomainException } from 'src/common/errors/domain.exception';

/** The admin-unit ids a caller may see: everything, or an explicit list (both eras, succession applied). */
export type UnitScope = { all: true } | { all: false; unitIds: string[] };

const CACHE_MS = 30_000;

/** The actor for workers and jobs acting on behalf of the service itself: scope is every unit. */
export const SYSTEM_ACTOR: Actor = {
  kind: 'system',
  id: 'system',
  name: 'system',
  agencyId: null,
  roles: [],
  scopes: [],
};

/**
 * The unit subtree of an agency, widened across the 2025 reform: the agency's unit and its descendants, the units
 * linked to them by succession (old → new and new → old, one hop), and the descendants of those. So a new commune's
 * officer sees records filed under its predecessor communes (partial ones included: the data gives no shares), and a
 * new province's department sees the old provinces, districts and communes merged into it.
 */
export const AGENCY_UNIT_SCOPE_SQL = `
  with recursive
  sub(id) as (
    select a.unit_id from agencies a where a.id = $1
    union
    select u.id from admin_units u join sub on u.parent_id = sub.id
  ),
  linked(id) as (
    select id from sub
    union select s.old_unit_id from admin_unit_successions s join sub on s.new_unit_id = sub.id
    union select s.new_unit_id from admin_unit_successions s join sub on s.old_unit_id = sub.id
  ),
  widened(id) as (
    select id from linked
    union
    select u.id from admin_units u join widened w on u.parent_id = w.id
  )
  select coalesce(array_agg(id), '{}') as ids from widened`;

/**
 * Scope checks for every module. Put the scope IN THE SQL: `where ($n::uuid[] is null or unit_id = any($n))`
 * with `scopeParam(scope)`; never load then filter.
 */
@Injectable()
export class AccessScopeService {
  private readonly cache = new Map<string, { at: number; ids: string[] }>();

  constructor(private readonly dataSource: DataSource) {}

  async unitScope(actor: Actor | undefined): Promise<UnitScope> {
    if (!actor) throw new DomainException('UNAUTHENTICATED');
    if (actor.kind === 'system') return { all: true };
    if (!actor.agencyId) return { all: false, unitIds: [] };
    return { all: false, unitIds: await this.agencyUnitIds(actor.agencyId) };
  }

  /** The unit ids of an agency's scope (cached briefly; `invalidate()` after unit imports or agency moves). */
  async agencyUnitIds(agencyId: string): Promise<string[]> {
    const hit = this.cache.get(agencyId);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.ids;
    const [row] = await this.dataSource.query<Array<{ ids: string[] }>>(AGENCY_UNIT_SCOPE_SQL, [agencyId]);
    const ids = row?.ids ?? [];
    this.cache.set(agencyId, { at: Date.now(), ids });
    return ids;
  }

  invalidate(): void {
    this.cache.clear();
  }

  /** Throws OUT_OF_SCOPE unless the unit is in the caller's scope. */
  async assertUnitInScope(actor: Actor | undefined, unitId: string): Promise<void> {
    const scope = await this.unitScope(actor);
    if (!scope.all && !scope.unitIds.includes(unitId)) throw new DomainException('OUT_OF_SCOPE');
  }

  /** Whether the caller's scope covers the whole of an agency's scope (used for managing agencies and users). */
  async assertAgencyInScope(actor: Actor | undefined, agencyId: string): Promise<void> {
    const [agency] = await this.dataSource.query<Array<{ unit_id: string }>>(
      `select unit_id from agencies where id = $1`,
      [agencyId],
    );
    if (!agency) throw new DomainException('AGENCY_NOT_FOUND');
    await this.assertUnitInScope(actor, agency.unit_id);
  }
}

/** The SQL parameter for a scope: null means "all units" (`$n::uuid[] is null or unit_id = any($n)`). */
export function scopeParam(scope: UnitScope): string[] | null {
  return scope.all ? null : scope.unitIds;
}
