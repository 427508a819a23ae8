import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomInt } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { cccdFor } from 'test/integration/registry/registry-fixtures';
import { createApiKey, ensureTestAgency, ensureTestUnit, staffToken } from 'test/utils/auth';
import { createTestApp } from 'test/utils/test-app';

describe('registry APIs: masking, audited single reads, scopes, CCCD errors', () => {
  let app: NestFastifyApplication;
  let token: string;
  let apiKey: string;
  let communeId: string;
  const http = () => request(app.getHttpServer());
  const gql = (query: string, variables: Record<string, unknown> = {}) =>
    http().post('/graphql').set('authorization', `Bearer ${token}`).send({ query, variables });

  beforeAll(async () => {
    app = await createTestApp();
    const province = await ensureTestUnit(app, {
      era: 'POST_2025',
      code: '96',
      level: 'PROVINCE',
      name: 'Tỉnh Đăng Ký',
    });
    communeId = await ensureTestUnit(app, {
      era: 'POST_2025',
      code: String(randomInt(10_000, 99_999)),
      level: 'COMMUNE',
      parentId: province,
    });
    await ensureTestAgency(app, { code: 'TEST.REG96', unitId: province });
    token = await staffToken(app, {
      username: `reg-officer-${randomInt(1e6)}`,
      roles: ['DATA_OFFICER'],
      agencyCode: 'TEST.REG96',
    });
    apiKey = await createApiKey(app, {
      scopes: ['registry:read', 'registry:write'],
      agencyCode: 'TEST.REG96',
    });
  });
  afterAll(() => app.close());

  it('answers an inconsistent CCCD with 400 problem+json CCCD_INVALID and the reason', async () => {
    const res = await http()
      .post('/api/v1/registry/people')
      .set('x-api-key', apiKey)
      .send({
        cccd: cccdFor(1990, 'FEMALE'),
        fullName: 'Lò Văn Páo',
        birth: '1990',
        gender: 'MALE',
        residenceUnitId: communeId,
      })
      .expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'CCCD_INVALID', reason: 'GENDER_MISMATCH' });
  });

  it('masks the CCCD in lists and shows it in full only on an audited single read', async () => {
    const cccd = cccdFor(1956, 'FEMALE');
    const intake = await http()
      .post('/api/v1/registry/people')
      .set('x-api-key', apiKey)
      .send({
        cccd,
        fullName: 'Hà Thị Đào',
        birth: '1956-10-10',
        gender: 'FEMALE',
        residenceUnitId: communeId,
        sourceRef: 'batch-9',
      })
      .expect(200);
    expect(intake.body).toMatchObject({
      created: true,
      person: { cccdMasked: `${cccd.slice(0, 4)}******${cccd.slice(10)}` },
    });
    expect(JSON.stringify(intake.body)).not.toContain(cccd);
    const id = intake.body.person.id as string;

    const list = await gql(
      `{ registryPeople(name: "ha thi dao", unitId: "${communeId}") { items { id cccdMasked fullName } } }`,
    );
    expect(list.body.data.registryPeople.items).toEqual([
      { id, cccdMasked: intake.body.person.cccdMasked, fullName: 'Hà Thị Đào' },
    ]);
    const rest = await http()
      .get('/api/v1/registry/people')
      .query({ cccd })
      .set('x-api-key', apiKey)
      .expect(200);
    expect(rest.body.items.map((p: { id: string }) => p.id)).toEqual([id]);
    expect(JSON.stringify(rest.body)).not.toContain(cccd);

    const single = await gql(`{ registryPerson(id: "${id}") { cccd source sourceRef completeness } }`);
    expect(single.body.data.registryPerson).toMatchObject({ cccd, source: 'IMPORT', sourceRef: 'batch-9' });
    const views = await app
      .get(DataSource)
      .query(
        `select personal_fields from audit_events where action = 'VIEW_PERSONAL_DATA' and entity_id = $1`,
        [id],
      );
    expect(views).toHaveLength(1);
    expect(views[0].personal_fields).toContain('cccd');
  });

  it('hides people outside the caller scope and refuses writes without a writer role', async () => {
    const otherProvince = await ensureTestUnit(app, { era: 'POST_2025', code: '95', level: 'PROVINCE' });
    const otherCommune = await ensureTestUnit(app, {
      era: 'POST_2025',
      code: String(randomInt(10_000, 99_999)),
      level: 'COMMUNE',
      parentId: otherProvince,
    });
    const created = await gql(
      `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }`,
      { input: { fullName: 'Ngoài Phạm Vi', birth: '1970', gender: 'MALE', residenceUnitId: otherCommune } },
    );
    expect(created.body.errors[0].extensions.code).toBe('OUT_OF_SCOPE');
    const viewer = await staffToken(app, {
      username: `reg-viewer-${randomInt(1e6)}`,
      roles: ['REPORT_VIEWER'],
      agencyCode: 'TEST.REG96',
    });
    const denied = await http().post('/graphql').set('authorization', `Bearer ${viewer}`).send({
      query: `mutation { registerPerson(input: { fullName: "X Y", birth: "1970", gender: MALE }) { id } }`,
    });
    expect(denied.body.errors[0].extensions.code).toBe('FORBIDDEN');
  });

  it('records a death over REST and ends the person statuses', async () => {
    const intake = await http()
      .post('/api/v1/registry/people')
      .set('x-api-key', apiKey)
      .send({ fullName: 'Tòng Văn Chết', birth: '1930', gender: 'MALE', residenceUnitId: communeId })
      .expect(200);
    const res = await http()
      .post(`/api/v1/registry/people/${intake.body.person.id}/death`)
      .set('x-api-key', apiKey)
      .send({ deathDate: '2026-01-02', source: 'DOSSIER', sourceRef: 'H40.1-260102-0001' })
      .expect(200);
    expect(res.body).toEqual({ statuses: [] });
    const person = await gql(`{ registryPerson(id: "${intake.body.person.id}") { vitalStatus deathDate } }`);
    expect(person.body.data.registryPerson).toEqual({ vitalStatus: 'DECEASED', deathDate: '2026-01-02' });
  });

  it('records a household, its poverty review and status, and shows them in the person and household views', async () => {
    const person = await gql(
      `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }`,
      {
        input: {
          fullName: 'Sùng Thị Mai',
          birth: '1950-06-01',
          gender: 'FEMALE',
          residenceUnitId: communeId,
        },
      },
    );
    const personId = person.body.data.registerPerson.id as string;
    const code = `HH${randomInt(1e9)}`;
    const household = await gql(
      `mutation($input: CreateHouseholdInput!) { createHousehold(input: $input) { id code } }`,
      {
        input: { code, residenceUnitId: communeId, area: 'RURAL' },
      },
    );
    const householdId = household.body.data.createHousehold.id as string;
    await gql(`mutation($input: AddHouseholdMemberInput!) { addHouseholdMember(input: $input) { id } }`, {
      input: { householdId, personId, relationship: 'HEAD', validFrom: '2015-01-01' },
    });
    const review = await gql(
      `mutation($h: ID!, $input: PovertyReviewInput!) { recordPovertyReview(householdId: $h, input: $input) { reviewId classification standardCode explanation } }`,
      {
        h: householdId,
        input: {
          year: 2024,
          reviewType: 'ANNUAL',
          area: 'RURAL',
          incomePerCapita: 1_300_000,
          deprivations: ['NUTRITION', 'LATRINE', 'TELECOM', 'HOUSING_AREA'],
          agricultureForestryFishery: true,
          reviewedOn: '2024-11-30',
        },
      },
    );
    expect(review.body.data.recordPovertyReview).toMatchObject({
      classification: 'POOR',
      standardCode: 'DECREE_07_2021',
    });
    const granted = await gql(
      `mutation($input: GrantPovertyStatusInput!) { grantPovertyStatus(input: $input) { code statuses { value validFrom } } }`,
      {
        input: {
          householdId,
          classification: 'POOR',
          reviewId: review.body.data.recordPovertyReview.reviewId,
          validFrom: '2025-01-01',
          decision: { number: '15/QĐ-UBND', date: '2024-12-20', signer: 'Chủ tịch UBND xã' },
        },
      },
    );
    expect(granted.body.data.grantPovertyStatus.statuses).toEqual([
      { value: 'POOR', validFrom: '2025-01-01' },
    ]);
    await gql(
      `mutation($p: ID!, $d: RegistryDecisionInput!) { grantSocialPension(personId: $p, validFrom: "2025-07-01", decision: $d) }`,
      {
        p: personId,
        d: { number: '20/QĐ-UBND', date: '2025-07-01', signer: 'Chủ tịch UBND xã' },
      },
    );
    const view = await gql(
      `{ registryPerson(id: "${personId}") { statuses { kind value } memberships { householdCode relationship } } }`,
    );
    expect(view.body.data.registryPerson).toEqual({
      statuses: [{ kind: 'SOCIAL_PENSION', value: 'SOCIAL_PENSION' }],
      memberships: [{ householdCode: code, relationship: 'HEAD' }],
    });
    const byCode = await gql(`{ registryPeople(householdCode: "${code}") { items { id } } }`);
    expect(byCode.body.data.registryPeople.items).toEqual([{ id: personId }]);
  });

  it('runs the duplicate review over GraphQL: scan, merge, undo, then "not a duplicate"', async () => {
    const register = async (fullName: string, birth: string) =>
      (
        await gql(`mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }`, {
          input: { fullName, birth, gender: 'MALE', residenceUnitId: communeId },
        })
      ).body.data.registerPerson.id as string;
    const a = await register('Giàng A Dênh', '1961');
    const b = await register('Giang A Denh', '1961-03-03');
    const scanned = await gql(`mutation { scanDuplicates(unitId: "${communeId}") }`);
    expect(scanned.body.data.scanDuplicates).toBeGreaterThanOrEqual(1);
    const list = await gql(
      `{ registryDuplicateCandidates(first: 500) { id personAId personBId matchKind } }`,
    );
    const candidate = list.body.data.registryDuplicateCandidates.find(
      (c: { personAId: string; personBId: string }) =>
        [c.personAId, c.personBId].sort().join() === [a, b].sort().join(),
    );
    expect(candidate).toMatchObject({ matchKind: 'SIMILAR_NAME' });
    const merged = await gql(
      `mutation { mergePeople(candidateId: "${candidate.id}", survivorId: "${b}", mergedId: "${a}") }`,
    );
    const mergeId = merged.body.data.mergePeople as string;
    const hidden = await gql(
      `{ registryPeople(name: "giang a denh", unitId: "${communeId}") { items { id } } }`,
    );
    expect(hidden.body.data.registryPeople.items).toEqual([{ id: b }]);
    expect((await gql(`mutation { undoMerge(mergeId: "${mergeId}") }`)).body.data.undoMerge).toBe(true);
    expect(
      (await gql(`mutation { markNotDuplicate(candidateId: "${candidate.id}") }`)).body.data.markNotDuplicate,
    ).toBe(true);
    const again = await gql(`mutation { markNotDuplicate(candidateId: "${candidate.id}") }`);
    expect(again.body.errors[0].extensions.code).toBe('DUPLICATE_REVIEW_CLOSED');
  });
});
