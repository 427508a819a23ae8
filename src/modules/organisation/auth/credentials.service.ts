import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from 'src/common/context/request-context';
import { DomainException } from 'src/common/errors/domain.exception';
import { apiKeyMatches, parseApiKey } from 'src/modules/organisation/auth/api-key-format';
import { ApiKeyRateLimiterService } from 'src/modules/organisation/auth/api-key-rate-limiter.service';
import { TokenVerifierService } from 'src/modules/organisation/auth/token-verifier.service';

interface StaffRow {
  id: string;
  username: string;
  agency_id: string;
  roles: string[];
  active: boolean;
  agency_active: boolean;
}

interface ApiKeyRow {
  id: string;
  prefix: string;
  secret_hash: string;
  scopes: string[];
  agency_id: string;
  usable: boolean;
  agency_active: boolean;
}

/**
 * Turns request credentials into an Actor. Every request reads the staff user or API key row (indexed, one query),
 * so disabling a user or revoking a key takes effect on the next request, with no cache to wait for.
 */
@Injectable()
export class CredentialsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: TokenVerifierService,
    private readonly rateLimiter: ApiKeyRateLimiterService,
  ) {}

  async fromBearer(token: string): Promise<Actor> {
    const verified = await this.tokens.verify(token);
    const rows = await this.dataSource.query<StaffRow[]>(
      `select u.id, u.username, u.agency_id, u.roles, u.active, a.active as agency_active
         from staff_users u join agencies a on a.id = u.agency_id
        where (u.external_subject is not null and u.external_subject = $1) or u.username = $2
        order by (u.external_subject = $1) desc nulls last
        limit 1`,
      [verified.subject, verified.username],
    );
    const user = rows[0];
    if (!user) throw new DomainException('UNAUTHENTICATED', 'No staff account is registered for this token');
    if (!user.active || !user.agency_active)
      throw new DomainException('UNAUTHENTICATED', 'This staff account is disabled');
    return {
      kind: 'user',
      id: user.id,
      name: user.username,
      agencyId: user.agency_id,
      roles: verified.roles ?? user.roles,
      scopes: [],
    };
  }

  async fromApiKey(raw: string): Promise<Actor> {
    const prefix = parseApiKey(raw);
    if (!prefix) throw new DomainException('UNAUTHENTICATED', 'The API key is not valid');
    const rows = await this.dataSource.query<ApiKeyRow[]>(
      `select k.id, k.prefix, k.secret_hash, k.scopes, k.agency_id, a.active as agency_active,
              (k.revoked_at is null and (k.expires_at is null or k.expires_at > now())) as usable
         from api_keys k join agencies a on a.id = k.agency_id
        where k.prefix = $1`,
      [prefix],
    );
    const key = rows[0];
    if (!key || !apiKeyMatches(raw, key.secret_hash))
      throw new DomainException('UNAUTHENTICATED', 'The API key is not valid');
    if (!key.usable || !key.agency_active)
      throw new DomainException('UNAUTHENTICATED', 'The API key is revoked or expired');
    await this.rateLimiter.consume(key.id);
    await this.dataSource
      .query(
        `update api_keys set last_used_at = now()
          where id = $1 and (last_used_at is null or last_used_at < now() - interval '1 minute')`,
        [key.id],
      )
      .catch(() => undefined);
    return {
      kind: 'api_key',
      id: key.id,
      name: key.prefix,
      agencyId: key.agency_id,
      roles: [],
      scopes: key.scopes,
    };
  }
}
