import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host.js';
import { SystemController } from 'src/modules/health/system.controller';
import { AuthGuard } from 'src/modules/organisation/auth/auth.guard';
import { CredentialsService } from 'src/modules/organisation/auth/credentials.service';
import { PrincipalCacheService } from 'src/modules/organisation/auth/principal-cache.service';
import { refusedWithin, staffToken } from 'test/utils/auth';
import { createTestApp } from 'test/utils/test-app';

async function until(condition: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the principal cache of the auth guard', () => {
  let app: NestFastifyApplication;
  let ds: DataSource;
  let cache: PrincipalCacheService;
  const whoami = (token: string) =>
    request(app.getHttpServer()).get('/api/v1/system/whoami').set('authorization', `Bearer ${token}`);
  const setActive = (username: string, active: boolean) =>
    ds.query(`update staff_users set active = $2 where username = $1`, [username, active]);

  beforeAll(async () => {
    app = await createTestApp();
    ds = app.get(DataSource);
    cache = app.get(PrincipalCacheService);
  });
  afterAll(async () => {
    await ds.query(`alter table staff_users enable trigger staff_users_principals_changed`);
    await app.close();
  });

  it('serves a known user from memory, and the change notification is what ends that', async () => {
    const token = await staffToken(app, { username: 'cache-e2e-a', roles: ['SPECIALIST'] });
    await whoami(token).expect(200);
    await until(() => cache.live);
    await whoami(token).expect(200); // now cached
    // With the trigger off the database change is silent: the cached row still answers. This is what the
    // notification is for, and shows the request no longer reads the database.
    await ds.query(`alter table staff_users disable trigger staff_users_principals_changed`);
    await setActive('cache-e2e-a', false);
    await whoami(token).expect(200);
    await ds.query(`alter table staff_users enable trigger staff_users_principals_changed`);
    // Any notified change to the table (here: re-asserting the same value) drops the cache.
    await setActive('cache-e2e-a', false);
    const refused = await refusedWithin(2000, () => whoami(token));
    expect(refused.body.code).toBe('UNAUTHENTICATED');
  });

  it('authenticates a repeat bearer synchronously, and a first one (or a disabled account) through the database', async () => {
    const token = await staffToken(app, { username: 'cache-e2e-sync', roles: ['SPECIALIST'] });
    await until(() => cache.live);
    const guard = new AuthGuard(app.get(Reflector), app.get(CredentialsService));
    const whoamiContext = () =>
      new ExecutionContextHost(
        [{ headers: { authorization: `Bearer ${token}` } }, {}],
        SystemController,
        SystemController.prototype.whoami,
      );
    const first = guard.canActivate(whoamiContext());
    expect(first).toBeInstanceOf(Promise);
    await expect(first).resolves.toBe(true);
    expect(guard.canActivate(whoamiContext())).toBe(true);
    await setActive('cache-e2e-sync', false);
    const refused = await refusedWithin(2000, () => whoami(token));
    expect(refused.body.code).toBe('UNAUTHENTICATED');
    const afterDisable = guard.canActivate(whoamiContext());
    expect(afterDisable).toBeInstanceOf(Promise);
    await expect(afterDisable).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('reads the database on every request while its listener is down, so no change is missed', async () => {
    const token = await staffToken(app, { username: 'cache-e2e-b', roles: ['SPECIALIST'] });
    await whoami(token).expect(200);
    await until(() => cache.live);
    await ds.query(
      `select pg_terminate_backend(pid) from pg_stat_activity
        where application_name = 'an-sinh-principal-cache' and datname = current_database()`,
    );
    await until(() => !cache.live);
    // No notification can arrive now; the change must still be seen by the very next request.
    await ds.query(`alter table staff_users disable trigger staff_users_principals_changed`);
    await setActive('cache-e2e-b', false);
    await whoami(token).expect(401);
    await ds.query(`alter table staff_users enable trigger staff_users_principals_changed`);
    await setActive('cache-e2e-b', true);
    // The listener comes back by itself and the cache is used again.
    await whoami(token).expect(200);
    await until(() => cache.live);
    await whoami(token).expect(200);
  });

  it('sees roles changed through the staff service at once, in the process that made the change', async () => {
    const admin = await staffToken(app, { username: 'cache-e2e-admin', roles: ['ADMIN'] });
    const token = await staffToken(app, { username: 'cache-e2e-c', roles: ['SPECIALIST'] });
    const before = await whoami(token).expect(200);
    expect(before.body.roles).toEqual(['SPECIALIST']);
    const [{ id, version }] = await ds.query<Array<{ id: string; version: number }>>(
      `select id, version from staff_users where username = 'cache-e2e-c'`,
    );
    await request(app.getHttpServer())
      .patch(`/api/v1/staff-users/${id}`)
      .set('authorization', `Bearer ${admin}`)
      .send({ version, roles: ['LEADER'] })
      .expect(200);
    const after = await whoami(token).expect(200);
    expect(after.body.roles).toEqual(['LEADER']);
  });
});
