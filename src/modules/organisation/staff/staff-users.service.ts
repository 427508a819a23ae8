import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PrincipalCacheService } from 'src/modules/organisation/auth/principal-cache.service';
import type { Role } from 'src/common/auth/auth.decorators';
import { RequestContext, type Actor } from 'src/common/context/request-context';
import { DomainException } from 'src/common/errors/domain.exception';
import { decodeCursor, pageSize, type Page } from 'src/common/pagination/pagination';
import { AuditService } from 'src/modules/audit/audit.service';
import { keysetPage } from 'src/modules/organisation/keyset-page';
import { AccessScopeService, scopeParam } from 'src/modules/organisation/units/access-scope.service';

export interface StaffUser {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  externalSubject: string | null;
  agencyId: string;
  roles: Role[];
  active: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface StaffUserFilter {
  q?: string;
  agencyId?: string;
  role?: Role;
  limit?: number;
  cursor?: string;
}

export interface CreateStaffUserInput {
  username: string;
  displayName: string;
  email?: string | null;
  externalSubject?: string | null;
  agencyId: string;
  roles: Role[];
}

export interface UpdateStaffUserInput {
  version: number;
  displayName?: string;
  email?: string | null;
  externalSubject?: string | null;
  agencyId?: string;
  roles?: Role[];
  active?: boolean;
}

const COLUMNS = `u.id, u.username, u.display_name as "displayName", u.email, u.external_subject as "externalSubject",
  u.agency_id as "agencyId", u.roles, u.active, u.version, u.created_at as "createdAt", u.updated_at as "updatedAt"`;
const FROM_SCOPED = `from staff_users u join agencies a on a.id = u.agency_id
  where ($1::uuid[] is null or a.unit_id = any($1::uuid[]))`;

/** Staff accounts, read through the caller's unit scope (the agency's unit) in SQL. */
@Injectable()
export class StaffUsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scopes: AccessScopeService,
    private readonly audit: AuditService,
    private readonly principals: PrincipalCacheService,
  ) {}

  async list(filter: StaffUserFilter, actor: Actor | undefined = RequestContext.actor()): Promise<Page<StaffUser>> {
    const scope = scopeParam(await this.scopes.unitScope(actor));
    const limit = pageSize(filter.limit);
    const cursor = decodeCursor(filter.cursor);
    const rows = await this.dataSource.query<StaffUser[]>(
      `select ${COLUMNS} ${FROM_SCOPED}
          and ($2::text is null or u.username like '%' || lower($2) || '%'
               or vn_search_key(u.display_name) like '%' || vn_search_key($2) || '%')
          and ($3::uuid is null or u.agency_id = $3) and ($4::text is null or $4 = any(u.roles))
          and ($5::text is null or (u.username, u.id) > ($5::text, $6::uuid))
        order by u.username, u.id limit $7`,
      [scope, filter.q ?? null, filter.agencyId ?? null, filter.role ?? null, cursor ? String(cursor.k) : null,
        cursor?.id ?? null, limit + 1],
    );
    return keysetPage(rows, limit, (r) => r.username);
  }

  async get(id: string, actor: Actor | undefined = RequestContext.actor()): Promise<StaffUser> {
    const scope = scopeParam(await this.scopes.unitScope(actor));
    const rows = await this.dataSource.query<StaffUser[]>(`select ${COLUMNS} ${FROM_SCOPED} and u.id = $2`, [
      scope,
      id,
    ]);
    if (!rows[0]) throw new DomainException('STAFF_USER_NOT_FOUND');
    return rows[0];
  }

  async create(input: CreateStaffUserInput, actor: Actor | undefined = RequestContext.actor()): Promise<StaffUser> {
    await this.scopes.assertAgencyInScope(actor, input.agencyId);
    return this.dataSource.transaction(async (manager) => {
      const [created] = await manager.query<StaffUser[]>(
        `insert into staff_users as u (username, display_name, email, external_subject, agency_id, roles)
         values (lower($1), $2, $3, $4, $5, $6) returning ${COLUMNS}`,
        [input.username, input.displayName, input.email ?? null, input.externalSubject ?? null, input.agencyId,
          input.roles],
      );
      await this.audit.record(
        { action: 'CREATE', entityType: 'staff_user', entityId: created.id, after: { ...created } },
        manager,
      );
      return created;
    });
  }

  async update(
    id: string,
    input: UpdateStaffUserInput,
    actor: Actor | undefined = RequestContext.actor(),
  ): Promise<StaffUser> {
    const before = await this.get(id, actor);
    if (input.agencyId) await this.scopes.assertAgencyInScope(actor, input.agencyId);
    return this.principals.afterWrite(this.dataSource.transaction(async (manager) => {
      const [rows] = await manager.query<[StaffUser[], number]>(
        `update staff_users as u set display_name = coalesce($3, u.display_name),
           email = case when $4 then $5 else u.email end,
           external_subject = case when $6 then $7 else u.external_subject end,
           agency_id = coalesce($8, u.agency_id), roles = coalesce($9, u.roles), active = coalesce($10, u.active),
           version = u.version + 1, updated_at = now()
         where u.id = $1 and u.version = $2 returning ${COLUMNS}`,
        [id, input.version, input.displayName ?? null, input.email !== undefined, input.email ?? null,
          input.externalSubject !== undefined, input.externalSubject ?? null, input.agencyId ?? null,
          input.roles ?? null, input.active ?? null],
      );
      const after = rows[0];
      if (!after) throw new DomainException('VERSION_CONFLICT', undefined, { currentVersion: before.version });
      await this.audit.record(
        { action: 'UPDATE', entityType: 'staff_user', entityId: id, before: { ...before }, after: { ...after } },
        manager,
      );
      return after;
    }));
  }
}
