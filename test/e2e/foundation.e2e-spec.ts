import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createTestApp } from 'test/utils/test-app';

describe('foundation over HTTP', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await createTestApp({
      HTTP_BODY_LIMIT_BYTES: '2048',
      GRAPHQL_MAX_DEPTH: '4',
      GRAPHQL_MAX_ALIASES: '3',
    });
  });
  afterAll(async () => app.close());

  it('reports ready when PostgreSQL and Redis answer', async () => {
    const res = await request(app.getHttpServer()).get('/health/ready').expect(200);
    expect(res.body.details).toMatchObject({ database: { status: 'up' }, redis: { status: 'up' } });
  });

  it('echoes a caller-supplied request id and generates one otherwise', async () => {
    const given = await request(app.getHttpServer())
      .get('/health/live')
      .set('x-request-id', 'portal-abc-123');
    expect(given.headers['x-request-id']).toBe('portal-abc-123');
    const generated = await request(app.getHttpServer()).get('/health/live');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("sends helmet's security headers on answers and on errors, and no CORS header without configured origins", async () => {
    for (const res of [
      await request(app.getHttpServer()).get('/health/live').expect(200),
      await request(app.getHttpServer()).get('/api/v1/does-not-exist').expect(404),
      await request(app.getHttpServer()).get('/api/v1/system/whoami').expect(401),
    ]) {
      expect(res.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'strict-transport-security': 'max-age=31536000; includeSubDomains',
        'referrer-policy': 'no-referrer',
        'cross-origin-opener-policy': 'same-origin',
      });
      expect(res.headers).not.toHaveProperty('access-control-allow-origin');
      expect(res.headers).not.toHaveProperty('x-powered-by');
    }
  });

  it('answers an unknown route with problem+json and a stable code', async () => {
    const res = await request(app.getHttpServer()).get('/api/v1/does-not-exist').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      status: 404,
      code: 'ROUTE_NOT_FOUND',
      requestId: res.headers['x-request-id'],
    });
    expect(res.body.type).toMatch(/^https:\/\//);
  });

  it('answers malformed JSON with MALFORMED_JSON, never a 500', async () => {
    const res = await request(app.getHttpServer())
      .post('/api/v1/system/whoami')
      .set('content-type', 'application/json')
      .send('{"broken":');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('MALFORMED_JSON');
  });

  it('answers an oversized body with 413 problem+json', async () => {
    const res = await request(app.getHttpServer())
      .post('/graphql')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ query: `{ whoami { kind } } # ${'x'.repeat(4000)}` }));
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('serves the OpenAPI document', async () => {
    const res = await request(app.getHttpServer()).get('/api/v1/openapi.json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
  });

  describe('GraphQL abuse limits', () => {
    const gql = (query: string) => request(app.getHttpServer()).post('/graphql').send({ query });

    it('refuses too many aliases with GRAPHQL_QUERY_TOO_COMPLEX', async () => {
      const res = await gql(
        '{ a: whoami { kind } b: whoami { kind } c: whoami { kind } d: whoami { kind } }',
      );
      expect(res.body.errors[0].extensions).toMatchObject({ code: 'GRAPHQL_QUERY_TOO_COMPLEX', status: 400 });
      expect(res.body.errors[0].extensions.requestId).toBeTruthy();
    });

    it('refuses batched operations', async () => {
      const res = await request(app.getHttpServer())
        .post('/graphql')
        .send([{ query: '{ whoami { kind } }' }, { query: '{ whoami { kind } }' }]);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    });

    it('gives schema errors the catalog code GRAPHQL_INVALID', async () => {
      const res = await gql('{ nope }');
      expect(res.body.errors[0].extensions.code).toBe('GRAPHQL_INVALID');
    });
  });
});
