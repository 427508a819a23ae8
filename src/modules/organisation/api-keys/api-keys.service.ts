import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ApiScope } from 'src/common/auth/auth.decorators';
import { RequestContext, type Actor } from 'src/common/context/request-context';
import { DomainException } from 'src/common/errors/domain.exception';
import { decodeCursor, pageSize, type Page } from 'src/common/pagination/pagination';
import { AuditService } from 'src/modules/audit/audit.service';
import { keysetPage } from 'src/modules/organisation/keyset-page';
import { generateApiKey } from 'src/modules/organisation/auth/api-key-format';
import { PrincipalCacheService } from 'src/modules/organisation/auth/principal-cache.service';
import { AccessScopeService, scopeParam } from 'src/modules/organisation/units/access-scope.service';

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiScope[];
  agencyId: string;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  rotatedFromId: string | null;
  createdBy: string | null;
  createdAt: Date;
}

/** A key as returned at creation or rotation: the only time `key` (the secret) is ever shown. */
export interface IssuedApiKey extends ApiKey {
  key: string;
}

export interface CreateApiKeyInput {
  name: string;
  scopes: ApiScope[];
  agencyId: string;
  expiresAt?: Date | null;
}

const COLUMNS = `k.id, k.name, k.prefix, k.scopes, k.agency_id as "agencyId", k.expires_at as "expiresAt",
  k.revoked_at as "revokedAt", k.last_used_at as "lastUsedAt", k.rotated_from_id as "rotatedFromId",
  k.created_by as "createdBy", k.created_at as "createdAt"`;
const FROM_SCOPED = `from api_keys k join agencies a on a.id = k.agency_id
  where ($1::uuid[] is null or a.unit_id = any($1::uuid[]))`;

/** API keys of machine clients: issued once, stored hashed, scoped to an agency, revocable and rotatable. */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scopes: AccessScopeService,
    private readonly audit: AuditService,
    private readonly principals: PrincipalCacheService,
  ) {}

  async list(
    filter: { agencyId?: string; includeRevoked?: boolean; limit?: number; cursor?: string },
    actor: Actor | undefined = RequestContext.actor(),
  ): Promise<Page<ApiKey>> {
    const scope = scopeParam(await this.scopes.unitScope(actor));
    const limit = pageSize(filter.limit);
    const cursor = decodeCursor(filter.cursor);
    const rows = await this.dataSource.query<ApiKey[]>(
      `select ${COLUMNS} ${FROM_SCOPED}
          and ($2::uuid is null or k.agency_id = $2) and ($3 or k.revoked_at is null)
          and ($4::text is null or (k.prefix, k.id) > ($4::text, $5::uuid))
        order by k.prefix, k.id limit $6`,
      [scope, filter.agencyId ?? null, filter.includeRevoked ?? false, cursor ? String(cursor.k) : null,
        cursor?.id ?? null, limit + 1],
    );
    return keysetPage(rows, limit, (r) => r.prefix);
  }

  async get(id: string, actor: Actor | undefined = RequestContext.actor()): Promise<ApiKey> {
    const scope = scopeParam(await this.scopes.unitScope(actor));
    const rows = await this.dataSource.query<ApiKey[]>(`select ${COLUMNS} ${FROM_SCOPED} and k.id = $2`, [scope, id]);
    if (!rows[0]) throw new DomainException('API_KEY_NOT_FOUND');
    return rows[0];
  }

  async create(input: CreateApiKeyInput, actor: Actor | undefined = RequestContext.actor()): Promise<IssuedApiKey> {
    await this.scopes.assertAgencyInScope(actor, input.agencyId);
    return this.dataSource.transaction((manager) => this.issue(manager, input, null, actor));
  }

  private async issue(
    manager: EntityManager,
    input: CreateApiKeyInput,
    rotatedFromId: string | null,
    actor: Actor | undefined,
  ): Promise<IssuedApiKey> {
    if (input.expiresAt && input.expiresAt.getTime() <= Date.now())
      throw new DomainException('VALIDATION_FAILED', 'expiresAt must be in the future');
    const generated = generateApiKey();
    const [created] = await manager.query<ApiKey[]>(
      `insert into api_keys as k (name, prefix, secret_hash, scopes, agency_id, expires_at, rotated_from_id, created_by)
       values ($1, $2, $3, $4, $5, $6, $7, $8) returning ${COLUMNS}`,
      [input.name, generated.prefix, generated.hash, input.scopes, input.agencyId, input.expiresAt ?? null,
        rotatedFromId, actor?.name ?? null],
    );
    await this.audit.record(
      { action: rotatedFromId ? 'API_KEY_ROTATE' : 'CREATE', entityType: 'api_key', entityId: created.id, after: { ...created } },
      manager,
    );
    return { ...created, key: generated.raw };
  }

  /** Revokes at once: the next request with the key is refused (this process drops its cache now, others on NOTIFY). */
  async revoke(id: string, actor: Actor | undefined = RequestContext.actor()): Promise<ApiKey> {
    const before = await this.get(id, actor);
    if (before.revokedAt) throw new DomainException('API_KEY_REVOKED');
    return this.principals.afterWrite(this.dataSource.transaction(async (manager) => {
      const [rows] = await manager.query<[ApiKey[], number]>(
        `update api_keys as k set revoked_at = now() where k.id = $1 and k.revoked_at is null returning ${COLUMNS}`,
        [id],
      );
      if (!rows[0]) throw new DomainException('API_KEY_REVOKED');
      await this.audit.record(
        { action: 'API_KEY_REVOKE', entityType: 'api_key', entityId: id, before: { ...before }, after: { ...rows[0] } },
        manager,
      );
      return rows[0];
    }));
  }

  /**
   * Issues a new key with the same name, scopes, agency and expiry, and retires the old one: at once, or after
   * `graceSeconds` (the old key's expiry is brought forward) so a client can switch without downtime.
   */
  async rotate(
    id: string,
    graceSeconds = 0,
    actor: Actor | undefined = RequestContext.actor(),
  ): Promise<IssuedApiKey> {
    const old = await this.get(id, actor);
    if (old.revokedAt) throw new DomainException('API_KEY_REVOKED');
    return this.principals.afterWrite(this.dataSource.transaction(async (manager) => {
      if (graceSeconds > 0) {
        await manager.query(
          `update api_keys set expires_at = least(coalesce(expires_at, 'infinity'), now() + make_interval(secs => $2))
            where id = $1`,
          [id, graceSeconds],
        );
      } else {
        await manager.query(`update api_keys set revoked_at = now() where id = $1 and revoked_at is null`, [id]);
      }
      return this.issue(
        manager,
        { name: old.name, scopes: old.scopes, agencyId: old.agencyId, expiresAt: old.expiresAt },
        id,
        actor,
      );
    }));
  }
}
