import { execFile } from 'node:child_process';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { RequestContext, type Actor } from 'src/common/context/request-context';
import { AuditService } from 'src/modules/audit/audit.service';
import { staffToken } from 'test/utils/auth';
import { createTestApp } from 'test/utils/test-app';

const ROOT = join(__dirname, '..', '..');
function verifyCli(): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['-r', '@swc-node/register', 'src/modules/audit/audit-verify-cli.ts'],
      { cwd: ROOT, env: process.env, timeout: 30_000 },
      (error, stdout) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout }),
    );
  });
}

describe('audit trail', () => {
  let app: NestFastifyApplication;
  let ds: DataSource;
  let audit: AuditService;
  let agencyId: string;
  const actor = (): Actor => ({ kind: 'user', id: 'u-audit-test', name: 'audit-tester', agencyId, roles: ['SPECIALIST'], scopes: [] });
  const inRequest = <T>(fn: () => Promise<T>) => RequestContext.run({ requestId: `req-${Date.now()}`, ip: '10.0.0.7', actor: actor() }, fn);
  /** Runs SQL with triggers off, as a database superuser could: the only way to tamper. */
  const asSuperuser = async (sql: string, params: unknown[] = []) =>
    ds.transaction(async (m) => {
      await m.query(`set local session_replication_role = replica`);
      return m.query(sql, params);
    });

  beforeAll(async () => {
    app = await createTestApp();
    ds = app.get(DataSource);
    audit = app.get(AuditService);
    await staffToken(app, { username: 'audit-setup', roles: ['ADMIN'] });
    agencyId = (await ds.query(`select agency_id from staff_users where username = 'audit-setup'`))[0].agency_id;
  });
  afterAll(async () => app.close());

  it('records actor, agency, request id, IP and only the changed fields, in the caller’s transaction', async () => {
    const entityId = `rec-${Date.now()}`;
    await inRequest(() =>
      ds.transaction((m) =>
        audit.record({ action: 'UPDATE', entityType: 'test_record', entityId, before: { a: 1, b: 'x' }, after: { a: 1, b: 'y' } }, m),
      ),
    );
    await inRequest(async () => {
      await ds
        .transaction(async (m) => {
          await audit.record({ action: 'UPDATE', entityType: 'test_record', entityId, after: { rolled: true } }, m);
          throw new Error('rollback');
        })
        .catch(() => undefined);
    });
    const rows = await ds.query(`select * from audit_events where entity_id = $1`, [entityId]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actor_kind: 'user', actor_id: 'u-audit-test', actor_name: 'audit-tester', agency_id: agencyId, ip: '10.0.0.7',
      action: 'UPDATE', diff: { before: { b: 'x' }, after: { b: 'y' } },
    });
    expect(rows[0].request_id).toMatch(/^req-/);
    expect(rows[0].hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps one unbroken chain under concurrent writers', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => inRequest(() => audit.personalDataViewed('person', `p-${i}`, ['citizenId']))),
    );
    const [{ n }] = await ds.query(`select count(*)::int as n from audit_events where entity_type = 'person'`);
    expect(n).toBeGreaterThanOrEqual(20);
    const token = await staffToken(app, { username: 'audit-admin', roles: ['ADMIN'] });
    const res = await request(app.getHttpServer()).get('/api/v1/audit/verify').set('authorization', `Bearer ${token}`).expect(200);
    expect(res.body).toMatchObject({ ok: true, firstBroken: null });
    expect(res.body.checkedEvents).toBeGreaterThanOrEqual(21);
  });

  it('refuses UPDATE, DELETE and TRUNCATE from the application role', async () => {
    await expect(ds.query(`update audit_events set action = 'X1' where true`)).rejects.toThrow(/append-only/);
    await expect(ds.query(`delete from audit_events where true`)).rejects.toThrow(/append-only/);
    await expect(ds.query(`truncate audit_events`)).rejects.toThrow(/append-only/);
  });

  it('detects an edited row and a deleted row, naming the first broken link (endpoint and npm run audit:verify)', async () => {
    const entityId = `tamper-${Date.now()}`;
    for (const n of [1, 2, 3])
      await inRequest(() => audit.record({ action: 'UPDATE', entityType: 'test_record', entityId, before: { n: 0 }, after: { n } }));
    const [first, second, third] = await ds.query(
      `select id, seq::text as seq, diff from audit_events where entity_id = $1 order by seq`,
      [entityId],
    );
    const token = await staffToken(app, { username: 'audit-auditor', roles: ['AUDITOR'] });
    const verify = () =>
      request(app.getHttpServer()).get('/api/v1/audit/verify').set('authorization', `Bearer ${token}`).expect(200);

    await asSuperuser(`update audit_events set diff = '{"after":{"n":99}}' where id = $1`, [second.id]);
    try {
      const edited = await verify();
      expect(edited.body).toMatchObject({ ok: false, firstBroken: { id: second.id, seq: second.seq, reason: 'HASH_MISMATCH' } });
      const cli = await verifyCli();
      expect(cli.code).toBe(2);
      expect(cli.stdout).toContain(`seq ${second.seq}`);
    } finally {
      await asSuperuser(`update audit_events set diff = $2::jsonb where id = $1`, [second.id, JSON.stringify(second.diff)]);
    }
    expect((await verify()).body.ok).toBe(true);

    const backup = `audit_backup_${Date.now()}`;
    await ds.query(`create table ${backup} as select * from audit_events where id = $1`, [first.id]);
    await asSuperuser(`delete from audit_events where id = $1`, [first.id]);
    try {
      const deleted = await verify();
      expect(deleted.body.firstBroken).toMatchObject({ id: second.id, reason: 'PREV_LINK_MISMATCH' });
    } finally {
      await asSuperuser(`insert into audit_events select * from ${backup}`);
      await ds.query(`drop table ${backup}`);
    }
    expect((await verify()).body.ok).toBe(true);
    expect((await verifyCli()).code).toBe(0);
    expect(third).toBeDefined();
  });

  it('lets auditors query by entity and action, masking personal data unless one record is asked', async () => {
    const entityId = `person-${Date.now()}`;
    await inRequest(() =>
      audit.record({
        action: 'UPDATE',
        entityType: 'person_test',
        entityId,
        before: { fullName: 'Nguyễn Văn A', citizenId: '040090001234' },
        after: { fullName: 'Nguyễn Văn A', citizenId: '040090009999' },
      }),
    );
    const token = await staffToken(app, { username: 'audit-auditor', roles: ['AUDITOR'] });
    const byType = await request(app.getHttpServer())
      .get('/api/v1/audit/events?entityType=person_test&action=UPDATE')
      .set('authorization', `Bearer ${token}`)
      .expect(200);
    const masked = byType.body.items.find((e: { entityId: string }) => e.entityId === entityId);
    expect(masked).toMatchObject({ masked: true, diff: { before: { citizenId: '***' }, after: { citizenId: '***' } } });
    const one = await request(app.getHttpServer())
      .get(`/api/v1/audit/events?entityType=person_test&entityId=${entityId}`)
      .set('authorization', `Bearer ${token}`)
      .expect(200);
    expect(one.body.items[0]).toMatchObject({ masked: false, diff: { after: { citizenId: '040090009999' } } });
    const [viewed] = await ds.query(
      `select action, actor_name, personal_fields from audit_events where entity_type = 'audit:person_test' and entity_id = $1`,
      [entityId],
    );
    expect(viewed).toEqual({ action: 'VIEW_PERSONAL_DATA', actor_name: 'audit-auditor', personal_fields: ['citizenId'] });
    const specialist = await staffToken(app, { username: 'audit-nosy', roles: ['SPECIALIST'] });
    await request(app.getHttpServer()).get('/api/v1/audit/events').set('authorization', `Bearer ${specialist}`).expect(403);
  });
});
