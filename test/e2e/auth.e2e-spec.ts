import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApiKey, staffToken } from 'test/utils/auth';
import { refusedWithin } from 'test/utils/auth';
import { createTestApp } from 'test/utils/test-app';

describe('authentication over REST and GraphQL', () => {
  let app: NestFastifyApplication;
  let jwksServer: Server;
  let externalKey: CryptoKey;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    // A stand-in for Keycloak: an RS256 key whose JWKS is served over HTTP.
    const pair = await generateKeyPair('RS256', { extractable: true });
    externalKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'kc-1', alg: 'RS256', use: 'sig' };
    jwksServer = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    const port = (jwksServer.address() as AddressInfo).port;
    app = await createTestApp({
      AUTH_JWKS_URL: `http://127.0.0.1:${port}/certs`,
      AUTH_ISSUER: 'https://kc.example/realms/ansinh',
      AUTH_AUDIENCE: 'an-sinh',
      API_KEY_RATE_LIMIT: '5',
      API_KEY_RATE_WINDOW_SECONDS: '60',
    });
  });
  afterAll(async () => {
    await app.close();
    await new Promise((resolve) => jwksServer.close(resolve));
  });

  const keycloakToken = (claims: Record<string, unknown>, issuer = 'https://kc.example/realms/ansinh') =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'kc-1' })
      .setIssuer(issuer)
      .setAudience('an-sinh')
      .setSubject('kc-subject-1')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(externalKey);

  it('refuses a protected route without credentials with 401 problem+json', async () => {
    const res = await http().get('/api/v1/system/whoami').expect(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a GraphQL field without credentials with code UNAUTHENTICATED', async () => {
    const res = await http().post('/graphql').send({ query: '{ whoami { kind name } }' });
    expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(res.body.data?.whoami ?? null).toBeNull();
  });

  it('keeps probes, metrics and the OpenAPI document public', async () => {
    await http().get('/health/live').expect(200);
    await http().get('/metrics').expect(200);
    await http().get('/api/v1/openapi.json').expect(200);
    const docs = await http().get('/api/docs');
    expect([200, 301, 302]).toContain(docs.status);
  });

  it('serves the dev issuer JWKS when enabled', async () => {
    const res = await http().get('/.well-known/jwks.json').expect(200);
    expect(res.body.keys[0]).toMatchObject({ kty: 'EC', alg: 'ES256' });
    expect(res.body.keys[0].d).toBeUndefined();
  });

  it('tells a staff user who they are over REST and GraphQL', async () => {
    const token = await staffToken(app, { username: 'auth-e2e-specialist', roles: ['SPECIALIST'] });
    const rest = await http().get('/api/v1/system/whoami').set('authorization', `Bearer ${token}`).expect(200);
    expect(rest.body).toMatchObject({ kind: 'user', name: 'auth-e2e-specialist', roles: ['SPECIALIST'] });
    expect(rest.body.agencyId).toMatch(/^[0-9a-f-]{36}$/);
    const gql = await http()
      .post('/graphql')
      .set('authorization', `Bearer ${token}`)
      .send({ query: '{ whoami { kind name roles } }' });
    expect(gql.body.data.whoami).toEqual({ kind: 'user', name: 'auth-e2e-specialist', roles: ['SPECIALIST'] });
  });

  it('refuses a tampered, expired or foreign token', async () => {
    const token = await staffToken(app, { username: 'auth-e2e-tamper', roles: ['ADMIN'] });
    const [h, p, s] = token.split('.');
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...payload, preferred_username: 'admin' })).toString('base64url')}.${s}`;
    await http().get('/api/v1/system/whoami').set('authorization', `Bearer ${forged}`).expect(401);
    await http().get('/api/v1/system/whoami').set('authorization', 'Bearer not-a-jwt').expect(401);
    const wrongIssuer = await keycloakToken({ preferred_username: 'auth-e2e-tamper' }, 'https://evil.example');
    await http().get('/api/v1/system/whoami').set('authorization', `Bearer ${wrongIssuer}`).expect(401);
  });

  it('accepts a Keycloak-shaped token from the JWKS URL, with roles from realm_access.roles', async () => {
    await staffToken(app, { username: 'kc-leader', roles: ['SPECIALIST'] });
    const token = await keycloakToken({
      preferred_username: 'kc-leader',
      realm_access: { roles: ['offline_access', 'LEADER'] },
    });
    const res = await http().get('/api/v1/system/whoami').set('authorization', `Bearer ${token}`).expect(200);
    expect(res.body).toMatchObject({ kind: 'user', name: 'kc-leader', roles: ['LEADER'] });
  });

  it('refuses a token whose staff account is disabled, on the next request', async () => {
    const token = await staffToken(app, { username: 'auth-e2e-leaver', roles: ['SPECIALIST'] });
    await http().get('/api/v1/system/whoami').set('authorization', `Bearer ${token}`).expect(200);
    await app.get(DataSource).query(`update staff_users set active = false where username = 'auth-e2e-leaver'`);
    // The change reaches the principal cache by a database notification: milliseconds, not a TTL.
    const res = await refusedWithin(2000, () => http().get('/api/v1/system/whoami').set('authorization', `Bearer ${token}`));
    expect(res.body.code).toBe('UNAUTHENTICATED');
  });

  it('identifies an API key caller and refuses it at once after revocation', async () => {
    const key = await createApiKey(app, { scopes: ['dossiers:read'] });
    const res = await http().get('/api/v1/system/whoami').set('x-api-key', key).expect(200);
    expect(res.body).toMatchObject({ kind: 'api_key', scopes: ['dossiers:read'] });
    await app.get(DataSource).query(`update api_keys set revoked_at = now() where prefix = $1`, [res.body.name]);
    const revoked = await refusedWithin(2000, () => http().get('/api/v1/system/whoami').set('x-api-key', key));
    expect(revoked.body.code).toBe('UNAUTHENTICATED');
  });

  it('refuses an unknown or malformed API key', async () => {
    await http().get('/api/v1/system/whoami').set('x-api-key', 'nope').expect(401);
    await http()
      .get('/api/v1/system/whoami')
      .set('x-api-key', `ask_abcdefghij_${'A'.repeat(43)}`)
      .expect(401);
  });

  it('rate-limits each API key with 429 problem+json and Retry-After', async () => {
    const key = await createApiKey(app, { scopes: ['reports:read'] });
    const other = await createApiKey(app, { scopes: ['reports:read'] });
    for (let i = 0; i < 5; i++) await http().get('/api/v1/system/whoami').set('x-api-key', key).expect(200);
    const limited = await http().get('/api/v1/system/whoami').set('x-api-key', key).expect(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    await http().get('/api/v1/system/whoami').set('x-api-key', other).expect(200);
  });
});

describe('dev issuer switched off', () => {
  it('does not serve its JWKS and refuses its tokens', async () => {
    const on = await createTestApp();
    const token = await staffToken(on, { username: 'auth-e2e-devoff', roles: ['ADMIN'] });
    await on.close();
    const off = await createTestApp({ DEV_ISSUER_ENABLED: 'false' });
    try {
      await request(off.getHttpServer()).get('/.well-known/jwks.json').expect(404);
      await request(off.getHttpServer())
        .get('/api/v1/system/whoami')
        .set('authorization', `Bearer ${token}`)
        .expect(401);
    } finally {
      await off.close();
    }
  });
});
