import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PrincipalCacheService } from 'src/modules/organisation/auth/principal-cache.service';
import { RequestContext, type Actor } from 'src/common/context/request-context';
import { DomainException } from 'src/common/errors/domain.exception';
import { decodeCursor, pageSize, type Page } from 'src/common/pagination/pagination';
import { AuditService } from 'src/modules/audit/audit.service';
import { keysetPage } from 'src/modules/organisation/keyset-page';
import type { AgencyKind } from 'src/modules/organisation/entities/agency.entity';
import { AccessScopeService, scopeParam } from 'src/modules/organisation/units/access-scope.service';

export interface Agency {
  id: string;
  code: string;
  name: string;
  kind: AgencyKind;
  unitId: string;
  parentId: string | null;
  active: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface AgencyFilter {
  q?: string;
  kind?: AgencyKind;
  unitId?: string;
  limit?: number;
  cursor?: string;
}

export interface CreateAgencyInput {
  code: string;
  name: string;
  kind: AgencyKind;
  unitId: string;
  parentId?: string | null;
}

export interface UpdateAgencyInput {
  version: number;
  name?: string;
  kind?: AgencyKind;
  unitId?: string;
  parentId?: string | null;
  active?: boolean;
}

const COLUMNS = `a.id, a.code, a.name, a.kind, a.unit_id as "unitId", a.parent_id as "parentId", a.active,
  a.version, a.created_at as "createdAt", a.updated_at as "updatedAt"`;
/** $1 is the scope (uuid[] or null = all). */
const IN_SCOPE = `($1::uuid[] is null or a.unit_id = any($1::uuid[]))`;

/** Agencies, always read through the caller's unit scope in SQL. Writes are audited in the same transaction. */
@Injectable()
export class AgenciesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scopes: AccessScopeService,
    private readonly audit: AuditService,
    private readonly principals: PrincipalCacheService,
  ) {}

  private actor(): Actor | undefined {
    return RequestContext.actor();
  }

  async list(filter: AgencyFilter, actor = this.actor()): Promise<Page<Agency>> {
    const scope = scopeParam(await this.scopes.unitScope(actor));
    const limit = pageSize(filter.limit);
    const cursor = decodeCursor(filter.cursor);
    const rows = await this.dataSource.query<Agency[]>(
      `select ${COLUMNS} from agencies a
        where ${IN_SCOPE}
          and ($2::text is null or vn_search_key(a.name) like '%' || vn_search_key($2) || '%' or a.code = upper($2))
          and ($3::text is null or a.kind = $3) and ($4::uuid is null or a.unit_id = $4)
          and ($5::text is null or (a.code, a.id) > ($5::text, $6::uuid))
        order by a.code, a.id limit $7`,
      [scope, filter.q ?? null, filter.kind ?? null, filter.unitId ?? null, cursor ? String(cursor.k) : null,
        cursor?.id ?? null, limit + 1],
    );
    return keysetPage(rows, limit, (r) => r.code);
  }

  /** One agency in the caller's scope, or undefined (out of scope looks the same as missing). */
  async find(id: string, actor = this.actor()): Promise<Agency | undefined> {
    const scope = scopeParam(await this.scopes.unitScope(actor));
    const rows = await this.dataSource.query<Agency[]>(
      `select ${COLUMNS} from agencies a where ${IN_SCOPE} and a.id = $2`,
      [scope, id],
    );
    return rows[0];
  }

  /** Agencies by id within the caller's scope, in the order asked (undefined where missing or out of scope). */
  async findMany(ids: readonly string[], actor = this.actor()): Promise<Array<Agency | undefined>> {
    const scope = scopeParam(await this.scopes.unitScope(actor));
    const rows = await this.dataSource.query<Agency[]>(
      `select ${COLUMNS} from agencies a where ${IN_SCOPE} and a.id = any($2::uuid[])`,
      [scope, ids],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id));
  }

  async get(id: string, actor = this.actor()): Promise<Agency> {
    const agency = await this.find(id, actor);
    if (!agency) throw new DomainException('AGENCY_NOT_FOUND');
    return agency;
  }

  /** Agencies serving a unit, in scope (for the nested GraphQL field). */
  async forUnit(unitId: string, actor = this.actor()): Promise<Agency[]> {
    const scope = scopeParam(await this.scopes.unitScope(actor));
    return this.dataSource.query<Agency[]>(
      `select ${COLUMNS} from agencies a where ${IN_SCOPE} and a.unit_id = $2 order by a.code limit 500`,
      [scope, unitId],
    );
  }

  async create(input: CreateAgencyInput, actor = this.actor()): Promise<Agency> {
    await this.scopes.assertUnitInScope(actor, input.unitId);
    if (input.parentId) await this.get(input.parentId, actor);
    const created = await this.dataSource.transaction(async (manager) => {
      const [row] = await manager.query<Agency[]>(
        `insert into agencies as a (code, name, kind, unit_id, parent_id) values ($1, $2, $3, $4, $5)
         returning ${COLUMNS}`,
        [input.code, input.name, input.kind, input.unitId, input.parentId ?? null],
      );
      await this.audit.record({ action: 'CREATE', entityType: 'agency', entityId: row.id, after: { ...row } }, manager);
      return row;
    });
    this.scopes.invalidate();
    return created;
  }

  async update(id: string, input: UpdateAgencyInput, actor = this.actor()): Promise<Agency> {
    const before = await this.get(id, actor);
    if (input.unitId) await this.scopes.assertUnitInScope(actor, input.unitId);
    if (input.parentId) {
      if (input.parentId === id) throw new DomainException('CONFLICT', 'An agency cannot be its own parent');
      await this.get(input.parentId, actor);
    }
    const updated = await this.principals.afterWrite(this.dataSource.transaction(async (manager) => {
      const [rows] = await manager.query<[Agency[], number]>(
        `update agencies as a set name = coalesce($3, a.name), kind = coalesce($4, a.kind),
           unit_id = coalesce($5, a.unit_id),
           parent_id = case when $7 then $6::uuid else a.parent_id end,
           active = coalesce($8, a.active), version = a.version + 1, updated_at = now()
         where a.id = $1 and a.version = $2 returning ${COLUMNS}`,
        [id, input.version, input.name ?? null, input.kind ?? null, input.unitId ?? null, input.parentId ?? null,
          input.parentId !== undefined, input.active ?? null],
      );
      const after = rows[0];
      if (!after)
        throw new DomainException('VERSION_CONFLICT', undefined, { currentVersion: before.version });
      await this.audit.record(
        { action: 'UPDATE', entityType: 'agency', entityId: id, before: { ...before }, after: { ...after } },
        manager,
      );
      return after;
    }));
    // Scopes are cached per agency for 30 s in each process; moving an agency is visible here at once.
    this.scopes.invalidate();
    return updated;
  }
}
