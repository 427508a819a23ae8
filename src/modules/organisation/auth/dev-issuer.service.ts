import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { createLocalJWKSet, importJWK, jwtVerify, SignJWT, type JWK, type JWTPayload } from 'jose';
import { DataSource } from 'typeorm';
import { DomainException } from 'src/common/errors/domain.exception';
import { AppConfig } from 'src/config/app-config';
import {
  DEV_ISSUER,
  DEV_ISSUER_ALG,
  loadOrCreateDevKey,
  type DevKeyPair,
} from 'src/modules/organisation/auth/dev-issuer-keys';
import { writeClaimPath } from 'src/modules/organisation/auth/roles-claim';

export interface DevTokenRequest {
  username: string;
  subject: string;
  roles: string[];
  ttlSeconds?: number;
}

/**
 * The service as its own OIDC-like issuer for development and tests: ES256 tokens shaped like Keycloak's
 * (`sub`, `preferred_username`, roles at AUTH_ROLES_CLAIM). Disabled (and its JWKS not served) unless
 * DEV_ISSUER_ENABLED, which defaults to off in production.
 */
@Injectable()
export class DevIssuerService implements OnModuleInit {
  private readonly logger = new Logger('DevIssuer');
  private key?: DevKeyPair;

  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {}

  get enabled(): boolean {
    return this.config.auth.devIssuerEnabled;
  }

  async onModuleInit(): Promise<void> {
    if (!this.enabled) return;
    try {
      await this.keyPair();
    } catch (error) {
      this.logger.warn(`Dev issuer key not loaded yet: ${(error as Error).message}`);
    }
  }

  private verificationKeys?: ReturnType<typeof createLocalJWKSet>;

  private async keyPair(): Promise<DevKeyPair> {
    this.key ??= await loadOrCreateDevKey((sql, params) => this.dataSource.query(sql, params));
    return this.key;
  }

  async jwks(): Promise<{ keys: JWK[] }> {
    if (!this.enabled) throw new DomainException('ROUTE_NOT_FOUND');
    return { keys: [(await this.keyPair()).publicJwk] };
  }

  async sign(request: DevTokenRequest): Promise<string> {
    if (!this.enabled) throw new DomainException('FORBIDDEN', 'The dev issuer is disabled');
    return signDevToken(await this.keyPair(), this.config.auth.rolesClaim, request);
  }

  async verify(token: string): Promise<JWTPayload> {
    if (!this.enabled) throw new DomainException('UNAUTHENTICATED', 'Dev tokens are not accepted here');
    // The key pair never changes within a process: import it once, not on every request.
    this.verificationKeys ??= createLocalJWKSet(await this.jwks());
    const { payload } = await jwtVerify(token, this.verificationKeys, {
      issuer: DEV_ISSUER,
      algorithms: [DEV_ISSUER_ALG],
    });
    return payload;
  }
}

/** Signs a dev token (shared with the `npm run token` CLI). */
export async function signDevToken(
  key: DevKeyPair,
  rolesClaim: string,
  { username, subject, roles, ttlSeconds = 8 * 3600 }: DevTokenRequest,
): Promise<string> {
  const claims: Record<string, unknown> = { preferred_username: username };
  writeClaimPath(claims, rolesClaim, roles);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: DEV_ISSUER_ALG, kid: key.kid, typ: 'JWT' })
    .setIssuer(DEV_ISSUER)
    .setSubject(subject)
    .setAudience('an-sinh')
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(await importJWK(key.privateJwk, DEV_ISSUER_ALG));
}
