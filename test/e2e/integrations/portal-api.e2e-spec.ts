import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { RequestContext } from 'src/common/context/request-context';
import { SYSTEM_ACTOR } from 'src/modules/dossiers/persistence/dossier-journal.service';
import { DossierReceiptService } from 'src/modules/dossiers/services/dossier-receipt.service';
import { signedRequestHeaders } from 'src/modules/integrations/signature/request-signature';
import { createApiKey, staffToken } from 'test/utils/auth';
import { APPLICANT, FULL_DOCS, createTestAgencies, createTestProcedure } from 'test/utils/dossier-fixtures';
import { createTestApp } from 'test/utils/test-app';

describe('portal integration REST: signatures, mappings, idempotent POSTs, 413', () => {
  let app: NestFastifyApplication;
  let admin: string;
  let key: string;
  let keyId: string;
  let agencyCode: string;
  let procedureCode: string;

  const inject = (opts: { method: 'GET' | 'POST' | 'PUT'; url: string; body?: string; headers?: Record<string, string> }) =>
    app.inject({
      method: opts.method,
      url: opts.url,
      payload: opts.body,
      headers: { 'content-type': 'application/json', ...(opts.headers ?? {}) },
    });
  const submitBody = (procedure = procedureCode) =>
    JSON.stringify({ procedureCode: procedure, applicant: { ...APPLICANT, address: randomUUID() }, documents: FULL_DOCS });

  beforeAll(async () => {
    app = await createTestApp({ INTEGRATION_MAX_BODY_BYTES: '20000' });
    const agencies = await createTestAgencies(app);
    agencyCode = agencies.provinceCode;
    procedureCode = (await createTestProcedure(app)).code;
    admin = await staffToken(app, { username: `int-admin-${randomUUID().slice(0, 8)}`, roles: ['ADMIN'], agencyCode });
    key = await createApiKey(app, { scopes: ['dossiers:read', 'dossiers:write'], agencyCode });
    const [row] = await app.get(DataSource).query<Array<{ id: string }>>(`select id from api_keys where prefix = $1`, [
      key.split('_')[1],
    ]);
    keyId = row.id;
  });

  afterAll(async () => app?.close());

  it('requires an Idempotency-Key on every POST and replays the first answer for a retry', async () => {
    const missing = await inject({ method: 'POST', url: '/api/v1/integrations/dossiers', body: submitBody(), headers: { 'x-api-key': key } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().code).toBe('INTEGRATION_IDEMPOTENCY_KEY_REQUIRED');
    const idem = randomUUID();
    const body = submitBody();
    const first = await inject({ method: 'POST', url: '/api/v1/integrations/dossiers', body, headers: { 'x-api-key': key, 'idempotency-key': idem } });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ state: 'SUBMITTED', portalStatus: '1' });
    const again = await inject({ method: 'POST', url: '/api/v1/integrations/dossiers', body, headers: { 'x-api-key': key, 'idempotency-key': idem } });
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);
    expect(again.headers['idempotent-replayed']).toBe('true');
  });

  it('maps the portal procedure code and the portal status through the admin tables', async () => {
    const portalCode = `P-${randomUUID().slice(0, 8)}`;
    const put = await inject({
      method: 'PUT',
      url: '/api/v1/integrations/procedure-mappings',
      body: JSON.stringify({ portal: 'DVCQG', portalCode, catalogCode: procedureCode }),
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(put.statusCode).toBe(200);
    const created = await inject({ method: 'POST', url: '/api/v1/integrations/dossiers', body: submitBody(portalCode), headers: { 'x-api-key': key, 'idempotency-key': randomUUID() } });
    expect(created.statusCode).toBe(201);
    expect(created.json().procedureCode).toBe(procedureCode);
    // An admin edits the status table: the next read answers with the new code.
    const portal = `T${randomUUID().slice(0, 6).toUpperCase().replace(/-/g, '')}`;
    await inject({ method: 'PUT', url: `/api/v1/integrations/clients/${keyId}`, body: JSON.stringify({ portal }), headers: { authorization: `Bearer ${admin}` } });
    await inject({
      method: 'PUT',
      url: '/api/v1/integrations/status-mappings',
      body: JSON.stringify({ portal, internalState: 'SUBMITTED', portalCode: 'NEW' }),
      headers: { authorization: `Bearer ${admin}` },
    });
    const read = await inject({ method: 'GET', url: `/api/v1/integrations/dossiers/${created.json().id}`, headers: { 'x-api-key': key } });
    expect(read.json().portalStatus).toBe('NEW');
    await inject({ method: 'PUT', url: `/api/v1/integrations/clients/${keyId}`, body: JSON.stringify({ portal: 'DVCQG' }), headers: { authorization: `Bearer ${admin}` } });
  });

  it('withdraws idempotently: the retry answers the same and the dossier is asked to withdraw once', async () => {
    const created = await inject({ method: 'POST', url: '/api/v1/integrations/dossiers', body: submitBody(), headers: { 'x-api-key': key, 'idempotency-key': randomUUID() } });
    const accepted = await RequestContext.run({ requestId: 'test', actor: SYSTEM_ACTOR }, () =>
      app.get(DossierReceiptService).accept(created.json().id, created.json().version),
    );
    const idem = randomUUID();
    const body = JSON.stringify({ version: accepted.version, reason: 'Rút hồ sơ' });
    const url = `/api/v1/integrations/dossiers/${accepted.id}/withdraw`;
    const first = await inject({ method: 'POST', url, body, headers: { 'x-api-key': key, 'idempotency-key': idem } });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ state: 'WITHDRAWAL_REQUESTED', portalStatus: '7' });
    const second = await inject({ method: 'POST', url, body, headers: { 'x-api-key': key, 'idempotency-key': idem } });
    expect(second.statusCode).toBe(200);
    expect(second.json()).toEqual(first.json());
    const [{ n }] = await app.get(DataSource).query<Array<{ n: number }>>(
      `select count(*)::int as n from dossier_events where dossier_id = $1 and type = 'dossier.withdrawal_requested'`,
      [accepted.id],
    );
    expect(n).toBe(1);
    const otherBody = await inject({ method: 'POST', url, body: JSON.stringify({ version: accepted.version, reason: 'Khác' }), headers: { 'x-api-key': key, 'idempotency-key': idem } });
    expect(otherBody.statusCode).toBe(409);
    expect(otherBody.json().code).toBe('IDEMPOTENCY_KEY_CONFLICT');
  });

  it('refuses a payload above the integration limit with 413 problem+json', async () => {
    const big = JSON.stringify({ procedureCode, applicant: { ...APPLICANT, address: 'x'.repeat(30_000) }, documents: [] });
    const res = await inject({ method: 'POST', url: '/api/v1/integrations/dossiers', body: big, headers: { 'x-api-key': key, 'idempotency-key': randomUUID() } });
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('PAYLOAD_TOO_LARGE');
  });

  describe('signed requests', () => {
    let secret: string;
    const url = '/api/v1/integrations/dossiers';

    beforeAll(async () => {
      const res = await inject({
        method: 'PUT',
        url: `/api/v1/integrations/clients/${keyId}`,
        body: JSON.stringify({ signingRequired: true, rotateSecret: true }),
        headers: { authorization: `Bearer ${admin}` },
      });
      expect(res.statusCode).toBe(200);
      secret = res.json().signingSecret;
      expect(secret).toEqual(expect.any(String));
    });

    it('accepts a correctly signed request and refuses an unsigned one from a key that must sign', async () => {
      const body = submitBody();
      const ok = await inject({ method: 'POST', url, body, headers: { 'x-api-key': key, 'idempotency-key': randomUUID(), ...signedRequestHeaders(secret, 'POST', url, body) } });
      expect(ok.statusCode).toBe(201);
      const unsigned = await inject({ method: 'GET', url: `${url}/${ok.json().id}`, headers: { 'x-api-key': key } });
      expect(unsigned.statusCode).toBe(401);
      expect(unsigned.json().code).toBe('INTEGRATION_SIGNATURE_REQUIRED');
      const path = `${url}/${ok.json().id}`;
      const signedGet = await inject({ method: 'GET', url: path, headers: { 'x-api-key': key, ...signedRequestHeaders(secret, 'GET', path, '') } });
      expect(signedGet.statusCode).toBe(200);
    });

    it('refuses a tampered body with 401 INTEGRATION_SIGNATURE_INVALID', async () => {
      const body = submitBody();
      const headers = signedRequestHeaders(secret, 'POST', url, body);
      const tampered = body.replace('Nguyễn Văn An', 'Nguyễn Văn Bình');
      const res = await inject({ method: 'POST', url, body: tampered, headers: { 'x-api-key': key, 'idempotency-key': randomUUID(), ...headers } });
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe('INTEGRATION_SIGNATURE_INVALID');
    });

    it('refuses a replay of a signed request with 401 INTEGRATION_SIGNATURE_REPLAYED', async () => {
      const body = submitBody();
      const headers = { 'x-api-key': key, 'idempotency-key': randomUUID(), ...signedRequestHeaders(secret, 'POST', url, body) };
      expect((await inject({ method: 'POST', url, body, headers })).statusCode).toBe(201);
      const replay = await inject({ method: 'POST', url, body, headers });
      expect(replay.statusCode).toBe(401);
      expect(replay.json().code).toBe('INTEGRATION_SIGNATURE_REPLAYED');
    });

    it('refuses a signature older than 5 minutes with 401 INTEGRATION_SIGNATURE_EXPIRED', async () => {
      const body = submitBody();
      const old = signedRequestHeaders(secret, 'POST', url, body, new Date(Date.now() - 6 * 60_000));
      const res = await inject({ method: 'POST', url, body, headers: { 'x-api-key': key, 'idempotency-key': randomUUID(), ...old } });
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('INTEGRATION_SIGNATURE_EXPIRED');
    });
  });
});
