import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { runSeed } from 'src/database/seed/seed-runner';
import { ORGANISATION_SEEDER } from 'src/modules/organisation/organisation.seeder';
import { createTestApp } from 'test/utils/test-app';

const run = promisify(execFile);

describe('organisation demo seed', () => {
  let app: NestFastifyApplication;
  let ds: DataSource;
  beforeAll(async () => {
    app = await createTestApp();
    ds = app.get(DataSource);
    const log = { info: () => undefined };
    await runSeed(ds, log, [ORGANISATION_SEEDER]);
    await runSeed(ds, log, [ORGANISATION_SEEDER]);
  });
  afterAll(async () => app.close());

  it('ships Nghệ An (412 → 130 communes) and Lâm Đồng (333 → 124) in both eras, idempotently', async () => {
    const [row] = await ds.query(`
      select
        (select count(*)::int from admin_units c join admin_units d on d.id = c.parent_id join admin_units p on p.id = d.parent_id
          where p.era = 'PRE_2025' and p.code = '40' and c.level = 'COMMUNE') as nghe_an_old,
        (select count(*)::int from admin_units c join admin_units p on p.id = c.parent_id
          where p.era = 'POST_2025' and p.code = '40') as nghe_an_new,
        (select count(*)::int from admin_units c join admin_units d on d.id = c.parent_id join admin_units p on p.id = d.parent_id
          where p.era = 'PRE_2025' and p.code in ('60', '67', '68') and c.level = 'COMMUNE') as lam_dong_old,
        (select count(*)::int from admin_units c join admin_units p on p.id = c.parent_id
          where p.era = 'POST_2025' and p.code = '68') as lam_dong_new,
        (select count(*)::int from admin_unit_successions s join admin_units n on n.id = s.new_unit_id
          join admin_units p on p.id = n.parent_id where p.code in ('40', '68') and n.level = 'COMMUNE') as commune_pairs`);
    expect(row).toEqual({ nghe_an_old: 412, nghe_an_new: 130, lam_dong_old: 333, lam_dong_new: 124, commune_pairs: 749 });
  });

  it('seeds one demo staff user per role, each in an agency', async () => {
    const rows = await ds.query<Array<{ role: string }>>(
      `select distinct unnest(roles) as role from staff_users
        where username in ('admin','reception','specialist','leader','data','reports','auditor') order by 1`,
    );
    expect(rows.map((r) => r.role)).toEqual([
      'ADMIN', 'AUDITOR', 'DATA_OFFICER', 'LEADER', 'RECEPTION_OFFICER', 'REPORT_VIEWER', 'SPECIALIST',
    ]);
  });

  it('npm run token -- --user admin prints a token the API accepts', async () => {
    const root = join(__dirname, '..', '..');
    const { stdout } = await run(
      process.execPath,
      ['-r', '@swc-node/register', 'src/modules/organisation/auth/dev-token-cli.ts', '--user', 'admin'],
      { cwd: root, env: { ...process.env, NODE_ENV: 'development' }, timeout: 30_000 },
    );
    const token = stdout.trim();
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const res = await request(app.getHttpServer())
      .get('/api/v1/system/whoami')
      .set('authorization', `Bearer ${token}`)
      .expect(200);
    expect(res.body).toMatchObject({ kind: 'user', name: 'admin', roles: ['ADMIN'] });
  });
});
