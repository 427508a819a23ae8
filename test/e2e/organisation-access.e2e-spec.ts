import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ROLES, type Role } from 'src/common/auth/auth.decorators';
import { runSeed } from 'src/database/seed/seed-runner';
import { ORGANISATION_SEEDER } from 'src/modules/organisation/organisation.seeder';
import { staffToken } from 'test/utils/auth';
import { createTestApp } from 'test/utils/test-app';

/**
 * Role × scope × operation on the demo data (real Nghệ An and Lâm Đồng units, both eras). Agencies are the scoped
 * records here: a ward officer of Thành Vinh must never see Trường Vinh's, by id, list, search or nested field.
 */
describe('organisation: role × scope × operation', () => {
  let app: NestFastifyApplication;
  let ds: DataSource;
  const ids: Record<string, string> = {};
  const tokens: Record<string, string> = {};
  const http = () => request(app.getHttpServer());
  const as = (who: string) => ({ authorization: `Bearer ${tokens[who]}` });
  const gql = (who: string, query: string, variables: Record<string, unknown> = {}) =>
    http().post('/graphql').set(as(who)).send({ query, variables });
  const unitId = async (era: string, code: string): Promise<string> =>
    (await ds.query(`select id from admin_units where era = $1 and code = $2`, [era, code]))[0].id;
  const agencyId = async (code: string): Promise<string> =>
    (await ds.query(`select id from agencies where code = $1`, [code]))[0].id;

  beforeAll(async () => {
    app = await createTestApp();
    ds = app.get(DataSource);
    await runSeed(ds, { info: () => undefined }, [ORGANISATION_SEEDER]);
    ids.thanhVinh = await agencyId('000.16681.H40');
    ids.truongVinh = await agencyId('000.16690.H40');
    ids.ngheAnDept = await agencyId('000.00.12.H40');
    ids.lamDongDept = await agencyId('000.00.12.H68');
    ids.truongVinhUnit = await unitId('POST_2025', '16690');
    ids.oldDongVinhUnit = await unitId('PRE_2025', '16663'); // went wholly into Thành Vinh
    ids.oldMuiNeUnit = await unitId('PRE_2025', '22915'); // old Bình Thuận commune, now Lâm Đồng
    tokens.thanhVinh = await staffToken(app, { username: 'mx-thanhvinh', roles: ['SPECIALIST', 'RECEPTION_OFFICER'], agencyCode: '000.16681.H40' });
    tokens.truongVinh = await staffToken(app, { username: 'mx-truongvinh', roles: ['SPECIALIST'], agencyCode: '000.16690.H40' });
    tokens.ngheAnAdmin = await staffToken(app, { username: 'mx-na-admin', roles: ['ADMIN'], agencyCode: '000.00.12.H40' });
    tokens.lamDongAdmin = await staffToken(app, { username: 'mx-ld-admin', roles: ['ADMIN'], agencyCode: '000.00.12.H68' });
    // An agency filed under an OLD commune that went into Thành Vinh: in Thành Vinh's scope via the succession map.
    const created = await http()
      .post('/api/v1/agencies')
      .set(as('ngheAnAdmin'))
      .send({ code: 'MX.16663.H40', name: 'Ủy ban nhân dân phường Đông Vĩnh (cũ)', kind: 'COMMUNE_COMMITTEE', unitId: ids.oldDongVinhUnit })
      .expect(201);
    ids.oldDongVinh = created.body.id;
  });
  afterAll(async () => app.close());

  describe('a ward officer of Thành Vinh', () => {
    it('cannot read another ward’s agency by id (REST 404, GraphQL null)', async () => {
      const res = await http().get(`/api/v1/agencies/${ids.truongVinh}`).set(as('thanhVinh')).expect(404);
      expect(res.body.code).toBe('AGENCY_NOT_FOUND');
      await http().get(`/api/v1/agencies/${ids.thanhVinh}`).set(as('thanhVinh')).expect(200);
      const g = await gql('thanhVinh', 'query($id: ID!) { agency(id: $id) { id } }', { id: ids.truongVinh });
      expect(g.body.data.agency).toBeNull();
    });

    it('lists only agencies of its ward and its predecessor communes, with a right page', async () => {
      const res = await http().get('/api/v1/agencies?limit=500').set(as('thanhVinh')).expect(200);
      const got = res.body.items.map((a: { id: string }) => a.id).sort();
      expect(got).toEqual([ids.thanhVinh, ids.oldDongVinh].sort());
      expect(res.body.nextCursor).toBeNull();
    });

    it('finds nothing of another ward by search', async () => {
      const res = await http().get(`/api/v1/agencies?q=${encodeURIComponent('truong vinh')}`).set(as('thanhVinh')).expect(200);
      expect(res.body.items).toEqual([]);
      const own = await http().get(`/api/v1/agencies?q=${encodeURIComponent('thanh vinh')}`).set(as('thanhVinh')).expect(200);
      expect(own.body.items.map((a: { id: string }) => a.id)).toEqual([ids.thanhVinh]);
    });

    it('gets nothing of another ward through a nested GraphQL field', async () => {
      const res = await gql('thanhVinh', 'query($id: ID!) { adminUnit(id: $id) { name agencies { id } } }', {
        id: ids.truongVinhUnit,
      });
      expect(res.body.data.adminUnit).toEqual({ name: 'Phường Trường Vinh', agencies: [] });
      const list = await gql('thanhVinh', '{ agencies(first: 50) { items { id parent { id } } } }');
      expect(list.body.data.agencies.items.map((a: { id: string }) => a.id)).not.toContain(ids.truongVinh);
      const theirs = await gql('truongVinh', 'query($id: ID!) { adminUnit(id: $id) { agencies { id } } }', {
        id: ids.truongVinhUnit,
      });
      expect(theirs.body.data.adminUnit.agencies).toEqual([{ id: ids.truongVinh }]);
    });

    it('does not see the old-commune agency from the neighbouring ward', async () => {
      const res = await http().get('/api/v1/agencies?limit=500').set(as('truongVinh')).expect(200);
      expect(res.body.items.map((a: { id: string }) => a.id)).toEqual([ids.truongVinh]);
    });

    it('may not create agencies, over REST or GraphQL', async () => {
      await http()
        .post('/api/v1/agencies')
        .set(as('thanhVinh'))
        .send({ code: 'MX.X.H40', name: 'x', kind: 'OTHER', unitId: ids.truongVinhUnit })
        .expect(403);
      const res = await gql(
        'thanhVinh',
        'mutation($u: ID!) { createAgency(input: { code: "MX.Y.H40", name: "x", kind: OTHER, unitId: $u }) { id } }',
        { u: ids.truongVinhUnit },
      );
      expect(res.body.errors[0].extensions.code).toBe('FORBIDDEN');
    });
  });

  describe('province administrators', () => {
    it('see their province (both eras) but not the other one', async () => {
      const na = await http().get('/api/v1/agencies?limit=500').set(as('ngheAnAdmin')).expect(200);
      const naIds = na.body.items.map((a: { id: string }) => a.id);
      expect(naIds).toEqual(expect.arrayContaining([ids.ngheAnDept, ids.thanhVinh, ids.truongVinh, ids.oldDongVinh]));
      expect(naIds).not.toContain(ids.lamDongDept);
      await http().get(`/api/v1/agencies/${ids.lamDongDept}`).set(as('ngheAnAdmin')).expect(404);
    });

    it('resolve nested units and parents in GraphQL (batched), within scope', async () => {
      const res = await gql('ngheAnAdmin', '{ agencies(first: 500) { items { code unit { code era parent { code } } parent { code } } } }');
      expect(res.body.errors).toBeUndefined();
      const office = res.body.data.agencies.items.find((a: { code: string }) => a.code === '000.01.12.H40');
      expect(office).toEqual({ code: '000.01.12.H40', unit: { code: '40', era: 'POST_2025', parent: null }, parent: { code: '000.00.12.H40' } });
      const ward = res.body.data.agencies.items.find((a: { code: string }) => a.code === '000.16681.H40');
      expect(ward.unit).toEqual({ code: '16681', era: 'POST_2025', parent: { code: '40' } });
      const users = await gql('ngheAnAdmin', '{ staffUsers(first: 500, q: "mx-thanhvinh") { items { username agency { code } } } }');
      expect(users.body.data.staffUsers.items).toEqual([{ username: 'mx-thanhvinh', agency: { code: '000.16681.H40' } }]);
    });

    it('cannot create an agency outside their scope (OUT_OF_SCOPE)', async () => {
      const res = await http()
        .post('/api/v1/agencies')
        .set(as('ngheAnAdmin'))
        .send({ code: 'MX.22915.H68', name: 'x', kind: 'COMMUNE_COMMITTEE', unitId: ids.oldMuiNeUnit })
        .expect(403);
      expect(res.body.code).toBe('OUT_OF_SCOPE');
    });

    it('Lâm Đồng’s administrator reaches units of merged Bình Thuận through the province succession', async () => {
      const res = await http()
        .post('/api/v1/agencies')
        .set(as('lamDongAdmin'))
        .send({ code: 'MX.22915.H68', name: 'UBND xã cũ (Bình Thuận)', kind: 'COMMUNE_COMMITTEE', unitId: ids.oldMuiNeUnit })
        .expect(201);
      const list = await http().get('/api/v1/agencies?limit=500').set(as('lamDongAdmin')).expect(200);
      expect(list.body.items.map((a: { id: string }) => a.id)).toContain(res.body.id);
      await http().get(`/api/v1/agencies/${res.body.id}`).set(as('ngheAnAdmin')).expect(404);
    });

    it('list staff of their province only', async () => {
      const na = await http().get('/api/v1/staff-users?limit=500').set(as('ngheAnAdmin')).expect(200);
      const names = na.body.items.map((u: { username: string }) => u.username);
      expect(names).toEqual(expect.arrayContaining(['mx-thanhvinh', 'mx-na-admin']));
      expect(names).not.toContain('mx-ld-admin');
      const ld = await http().get('/api/v1/staff-users?limit=500').set(as('lamDongAdmin')).expect(200);
      expect(ld.body.items.map((u: { username: string }) => u.username)).not.toContain('mx-thanhvinh');
    });

    it('update with optimistic locking: a stale version is a 409', async () => {
      const agency = (await http().get(`/api/v1/agencies/${ids.oldDongVinh}`).set(as('ngheAnAdmin'))).body;
      await http()
        .patch(`/api/v1/agencies/${ids.oldDongVinh}`)
        .set(as('ngheAnAdmin'))
        .send({ version: agency.version, name: 'UBND phường Đông Vĩnh (trước 1/7/2025)' })
        .expect(200);
      const stale = await http()
        .patch(`/api/v1/agencies/${ids.oldDongVinh}`)
        .set(as('ngheAnAdmin'))
        .send({ version: agency.version, name: 'x' })
        .expect(409);
      expect(stale.body.code).toBe('VERSION_CONFLICT');
      const [event] = await ds.query(
        `select action, diff from audit_events where entity_type = 'agency' and entity_id = $1 and action = 'UPDATE'`,
        [ids.oldDongVinh],
      );
      expect(event.diff).toEqual({
        before: expect.objectContaining({ name: 'Ủy ban nhân dân phường Đông Vĩnh (cũ)', version: agency.version }),
        after: expect.objectContaining({ name: 'UBND phường Đông Vĩnh (trước 1/7/2025)', version: agency.version + 1 }),
      });
    });
  });

  describe('role × operation (Nghệ An department)', () => {
    const allowed: Record<string, Role[]> = {
      'list agencies': [...ROLES],
      'create agency': ['ADMIN'],
      'list staff users': ['ADMIN', 'AUDITOR'],
      'list API keys': ['ADMIN'],
      'import admin units': ['ADMIN', 'DATA_OFFICER'],
    };
    const call = (op: string, token: string) => {
      const auth = { authorization: `Bearer ${token}` };
      switch (op) {
        case 'list agencies':
          return http().get('/api/v1/agencies?limit=1').set(auth);
        case 'create agency':
          return http().post('/api/v1/agencies').set(auth).send({ code: `MX.R${Date.now()}.H40`, name: 'x', kind: 'OTHER', unitId: ids.truongVinhUnit });
        case 'list staff users':
          return http().get('/api/v1/staff-users?limit=1').set(auth);
        case 'list API keys':
          return http().get('/api/v1/api-keys?limit=1').set(auth);
        default:
          return http().post('/api/v1/units/import').set(auth).send({});
      }
    };
    for (const role of ROLES) {
      it(`${role}: allowed exactly the operations of its role`, async () => {
        const token = await staffToken(app, { username: `mx-role-${role.toLowerCase().replace(/_/g, '-')}`, roles: [role], agencyCode: '000.00.12.H40' });
        for (const [op, roles] of Object.entries(allowed)) {
          const res = await call(op, token);
          const expected = roles.includes(role) ? 'allowed' : 'forbidden';
          expect({ op, outcome: res.status === 403 ? 'forbidden' : res.status < 300 ? 'allowed' : res.status }).toEqual({ op, outcome: expected });
        }
      });
    }
  });

  describe('API keys through the API', () => {
    it('are shown once, work, are refused at once after revocation, and rotate', async () => {
      const created = await http()
        .post('/api/v1/api-keys')
        .set(as('ngheAnAdmin'))
        .send({ name: 'Cổng DVC tỉnh (thử)', scopes: ['dossiers:write'], agencyId: ids.ngheAnDept })
        .expect(201);
      expect(created.body.key).toMatch(/^ask_[a-z0-9]{10}_/);
      const listed = await http().get(`/api/v1/api-keys/${created.body.id}`).set(as('ngheAnAdmin')).expect(200);
      expect(listed.body.key).toBeUndefined();
      expect(JSON.stringify(listed.body)).not.toContain(created.body.key.slice(15));
      await http().get('/api/v1/system/whoami').set('x-api-key', created.body.key).expect(200);
      await http().post(`/api/v1/api-keys/${created.body.id}/revoke`).set(as('lamDongAdmin')).expect(404);

      const rotated = await http().post(`/api/v1/api-keys/${created.body.id}/rotate`).set(as('ngheAnAdmin')).send({}).expect(201);
      expect(rotated.body.rotatedFromId).toBe(created.body.id);
      await http().get('/api/v1/system/whoami').set('x-api-key', created.body.key).expect(401);
      await http().get('/api/v1/system/whoami').set('x-api-key', rotated.body.key).expect(200);

      await http().post(`/api/v1/api-keys/${rotated.body.id}/revoke`).set(as('ngheAnAdmin')).expect(200);
      await http().get('/api/v1/system/whoami').set('x-api-key', rotated.body.key).expect(401);
    });

    it('may not manage agencies: routes without @Scopes refuse API keys', async () => {
      const created = await http()
        .post('/api/v1/api-keys')
        .set(as('ngheAnAdmin'))
        .send({ name: 'batch', scopes: ['reports:read'], agencyId: ids.ngheAnDept })
        .expect(201);
      const res = await http().get('/api/v1/agencies').set('x-api-key', created.body.key).expect(403);
      expect(res.body.code).toBe('FORBIDDEN');
    });
  });
});
