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

  async verify(token: string): Promise<VerifiedToken> {
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
    if (!payload.sub && !username)
      throw new DomainException('UNAUTHENTICATED', 'The token names no subject');
    return {
      subject: payload.sub ?? '',
      username: (username ?? payload.sub ?? '').toLowerCase(),
      roles: devIssuer ? undefined : rolesFromClaim(readClaimPath(payload, this.config.auth.rolesClaim)),
      devIssuer,
    };
  }
}
