import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from 'src/common/context/request-context';
import { DomainException } from 'src/common/errors/domain.exception';
import { apiKeyMatches, parseApiKey } from 'src/modules/organisation/auth/api-key-format';
import { ApiKeyRateLimiterService } from 'src/modules/organisation/auth/api-key-rate-limiter.service';
import { PrincipalCacheService } from 'src/modules/organisation/auth/principal-cache.service';
import { TokenVerifierService, type VerifiedToken } from 'src/modules/organisation/auth/token-verifier.service';

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
  revoked: boolean;
  expires_at: Date | null;
  agency_active: boolean;
}

const LAST_USED_RESOLUTION_MS = 60_000;

function staffKey(verified: VerifiedToken): string {
  return `user\n${verified.subject}\n${verified.username}`;
}

function toUserActor(user: StaffRow, verified: VerifiedToken): Actor {
  return {
    kind: 'user',
    id: user.id,
    name: user.username,
    agencyId: user.agency_id,
    roles: verified.roles ?? user.roles,
    scopes: [],
  };
}

/**
 * Turns request credentials into an Actor. The staff user or API key row comes from PrincipalCacheService, which
 * every change to those tables invalidates through a database notification, so disabling a user or revoking a key
 * takes effect on the next request that follows the notification (milliseconds), in every API process.
 */
@Injectable()
export class CredentialsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: TokenVerifierService,
    private readonly rateLimiter: ApiKeyRateLimiterService,
    private readonly cache: PrincipalCacheService,
  ) {}

  /** When this process last wrote `last_used_at` per key (the column has a one-minute resolution). */
  private readonly lastUsedWritten = new Map<string, number>();

  /**
   * The actor for a bearer token already verified by this process whose staff row is cached and active, or
   * undefined (then `fromBearer` decides, with the same answer and its errors). Synchronous: a repeat request of a
   * session, the common case, pays no promise for authentication.
   */
  fromCachedBearer(token: string): Actor | undefined {
    const verified = this.tokens.cached(token);
    if (!verified) return undefined;
    const user = this.cache.peek<StaffRow>(staffKey(verified));
    if (!user || !user.active || !user.agency_active) return undefined;
    return toUserActor(user, verified);
  }

  async fromBearer(token: string): Promise<Actor> {
    const verified = await this.tokens.verify(token);
    const user = await this.cache.getOrLoad(staffKey(verified), async () => {
      const rows = await this.dataSource.query<StaffRow[]>(
        `select u.id, u.username, u.agency_id, u.roles, u.active, a.active as agency_active
           from staff_users u join agencies a on a.id = u.agency_id
          where (u.external_subject is not null and u.external_subject = $1) or u.username = $2
          order by (u.external_subject = $1) desc nulls last
          limit 1`,
        [verified.subject, verified.username],
      );
      return rows[0];
    });
    if (!user) throw new DomainException('UNAUTHENTICATED', 'No staff account is registered for this token');
    if (!user.active || !user.agency_active)
      throw new DomainException('UNAUTHENTICATED', 'This staff account is disabled');
    return toUserActor(user, verified);
  }

  async fromApiKey(raw: string): Promise<Actor> {
    const prefix = parseApiKey(raw);
    if (!prefix) throw new DomainException('UNAUTHENTICATED', 'The API key is not valid');
    const key = await this.cache.getOrLoad(`key\n${prefix}`, async () => {
      const rows = await this.dataSource.query<ApiKeyRow[]>(
        `select k.id, k.prefix, k.secret_hash, k.scopes, k.agency_id, a.active as agency_active,
                k.revoked_at is not null as revoked, k.expires_at
           from api_keys k join agencies a on a.id = k.agency_id
          where k.prefix = $1`,
        [prefix],
      );
      return rows[0];
    });
    if (!key || !apiKeyMatches(raw, key.secret_hash))
      throw new DomainException('UNAUTHENTICATED', 'The API key is not valid');
    const expired = key.expires_at !== null && new Date(key.expires_at).getTime() <= Date.now();
    if (key.revoked || expired || !key.agency_active)
      throw new DomainException('UNAUTHENTICATED', 'The API key is revoked or expired');
    await this.rateLimiter.consume(key.id);
    this.touchLastUsed(key.id);
    return {
      kind: 'api_key',
      id: key.id,
      name: key.prefix,
      agencyId: key.agency_id,
      roles: [],
      scopes: key.scopes,
    };
  }

  /** Records the key's use at most once a minute per process, off the request's path. */
  private touchLastUsed(keyId: string): void {
    const now = Date.now();
    if (now - (this.lastUsedWritten.get(keyId) ?? 0) < LAST_USED_RESOLUTION_MS) return;
    if (this.lastUsedWritten.size >= 10_000) this.lastUsedWritten.clear();
    this.lastUsedWritten.set(keyId, now);
    void this.dataSource
      .query(
        `update api_keys set last_used_at = now()
          where id = $1 and (last_used_at is null or last_used_at < now() - interval '1 minute')`,
        [keyId],
      )
      .catch(() => undefined);
  }
}
