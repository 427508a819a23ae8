import { Injectable, Logger } from '@nestjs/common';
import { createRemoteJWKSet, decodeJwt, jwtVerify, type JWTPayload } from 'jose';
import { DomainException } from 'src/common/errors/domain.exception';
import { AppConfig } from 'src/config/app-config';
import { DEV_ISSUER } from 'src/modules/organisation/auth/dev-issuer-keys';
import { DevIssuerService } from 'src/modules/organisation/auth/dev-issuer.service';
import { readClaimPath, rolesFromClaim } from 'src/modules/organisation/auth/roles-claim';
import type { Role } from 'src/common/auth/auth.decorators';

export interface VerifiedToken {
  subject: string;
  username: string;
  /** Roles carried by the token (external issuer only); undefined means "use the staff record's roles". */
  roles: Role[] | undefined;
  devIssuer: boolean;
}

/** Verifies staff bearer tokens: the configured OIDC issuer (JWKS URL) or, when enabled, the dev issuer. */
const VERIFIED_TOKEN_TTL_MS = 60_000;
const VERIFIED_TOKEN_CACHE_SIZE = 10_000;

@Injectable()
export class TokenVerifierService {
  private readonly logger = new Logger('TokenVerifier');
  private readonly remote?: ReturnType<typeof createRemoteJWKSet>;

  constructor(
    private readonly config: AppConfig,
    private readonly devIssuer: DevIssuerService,
  ) {
    if (config.auth.jwksUrl) {
      this.remote = createRemoteJWKSet(new URL(config.auth.jwksUrl), {
        timeoutDuration: 3000,
        cooldownDuration: 30_000,
        cacheMaxAge: 10 * 60_000,
      });
    }
  }

  /**
   * Verified tokens, kept for at most a minute and never past their own expiry: a signature check costs more than
   * the rest of a small request, and the same token arrives on every request of a session. Whether the user is
   * still active is not cached (the credentials service reads the staff row on every request).
   */
  private readonly verified = new Map<string, { until: number; value: VerifiedToken }>();

  /** The token's verification result if this process verified it and the result is still valid; never verifies. */
  cached(token: string): VerifiedToken | undefined {
    const hit = this.verified.get(token);
    return hit && hit.until > Date.now() ? hit.value : undefined;
  }

  async verify(token: string): Promise<VerifiedToken> {
    const hit = this.cached(token);
    if (hit) return hit;
    this.verified.delete(token); // expired, if there at all
    const now = Date.now();
    const value = await this.verifyUncached(token);
    const exp = decodeJwt(token).exp;
    const until = Math.min(now + VERIFIED_TOKEN_TTL_MS, typeof exp === 'number' ? exp * 1000 : now);
    if (this.verified.size >= VERIFIED_TOKEN_CACHE_SIZE) {
      const oldest = this.verified.keys().next().value;
      if (oldest !== undefined) this.verified.delete(oldest);
    }
    this.verified.set(token, { until, value });
    return value;
  }

  private async verifyUncached(token: string): Promise<VerifiedToken> {
    let issuer: string | undefined;
    try {
      issuer = decodeJwt(token).iss;
    } catch {
      throw new DomainException('UNAUTHENTICATED', 'The bearer token is not a JWT');
    }
    const devIssuer = issuer === DEV_ISSUER && this.devIssuer.enabled;
    let payload: JWTPayload;
    try {
      if (devIssuer) {
        payload = await this.devIssuer.verify(token);
      } else if (this.remote) {
        payload = (
          await jwtVerify(token, this.remote, {
            issuer: this.config.auth.issuer,
            audience: this.config.auth.audience,
            algorithms: ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384', 'EdDSA'],
          })
        ).payload;
      } else {
        throw new DomainException('UNAUTHENTICATED', 'No token issuer is configured for this token');
      }
    } catch (error) {
      if (error instanceof DomainException) throw error;
      this.logger.debug(`Token refused: ${(error as Error).name}`);
      throw new DomainException('UNAUTHENTICATED', 'The bearer token is not valid or has expired');
    }
    const username = typeof payload.preferred_username === 'string' ? payload.preferred_username : undefined;
    if (!payload.sub && !username) throw new DomainException('UNAUTHENTICATED', 'The token names no subject');
    return {
      subject: payload.sub ?? '',
      username: (username ?? payload.sub ?? '').toLowerCase(),
      roles: devIssuer ? undefined : rolesFromClaim(readClaimPath(payload, this.config.auth.rolesClaim)),
      devIssuer,
    };
  }
}
