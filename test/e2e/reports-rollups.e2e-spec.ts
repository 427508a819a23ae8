import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { JobHandlerRegistry } from 'src/queue/job-handler.registry';
import { staffToken } from 'test/utils/auth';
import { createTestApp } from 'test/utils/test-app';

describe('Form II.06a freshness and the reports pool over HTTP', () => {
  let app: NestFastifyApplication;
  let strict: NestFastifyApplication;

  beforeAll(async () => {
    app = await createTestApp();
    // A test instance whose reports pool cancels every statement after 1 ms.
    strict = await createTestApp({ REPORTS_STATEMENT_TIMEOUT_MS: '1' });
  });
  afterAll(async () => {
    await strict.close();
    await app.close();
  });

  const get = async (target: NestFastifyApplication, path: string) =>
    request(target.getHttpServer())
      .get(path)
      .set(
        'authorization',
        `Bearer ${await staffToken(target, { username: `rr-${randomUUID().slice(0, 8)}`, roles: ['REPORT_VIEWER'] })}`,
      );

  it('says where the figures come from and the instant they are exact for', async () => {
    const res = await get(app, '/api/v1/reports/dossier-processing?from=2026-01-01&to=2026-01-31');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ source: 'LIVE', rollupRefreshedAt: null });
    expect(Date.parse(res.body.asOf)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('the rollup refresh job has a handler in every role (the worker runs it on its scheduler)', () => {
    expect(app.get(JobHandlerRegistry).registered()).toContain('reports.rollups.refresh');
  });

  it('a report slower than the reports statement timeout answers 503 REPORT_TIMEOUT as problem+json', async () => {
    const res = await get(strict, '/api/v1/reports/dossier-processing?from=2025-01-01&to=2026-12-31');
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.code).toBe('REPORT_TIMEOUT');
    // The API's own pool and statement timeout are untouched: the same instance still reaches its database.
    await request(strict.getHttpServer()).get('/health/ready').expect(200);
  });
});
