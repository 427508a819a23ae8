import { createHash } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import sharp from 'sharp';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ensureTestAgency, ensureTestUnit, staffToken } from 'test/utils/auth';
import { createTestApp } from 'test/utils/test-app';

/** Two CCCDs that differ only in the middle digits: their masks are equal, the numbers are not. */
const CCCD_A = '040085000123';
const CCCD_B = '040085100123';
const MASKED = '0400******23';
const ADDRESS = 'Số 7 đường Lê Lợi, phường Vinh';

describe('digitisation: entered personal data masked in every response, full only through an audited reveal', () => {
  let app: NestFastifyApplication;
  const tokens: Record<string, string> = {};
  const http = () => request(app.getHttpServer());
  const as = (who: string) => ({ authorization: `Bearer ${tokens[who]}` });
  const gql = async (who: string, query: string, variables: Record<string, unknown> = {}) => {
    const res = await http().post('/graphql').set(as(who)).send({ query, variables });
    expect(res.status).toBe(200);
    return res.body as { data?: Record<string, any>; errors?: Array<{ extensions: { code: string } }> };
  };
  const views = async (fileId: string) =>
    app
      .get(DataSource)
      .query<Array<{ personal_fields: string[]; actor_name: string }>>(
        `select personal_fields, actor_name from audit_events
          where action = 'VIEW_PERSONAL_DATA' and entity_type = 'digitisation_file' and entity_id = $1`,
        [fileId],
      );
  const suffix = Date.now().toString(36).toUpperCase();
  let fileId: string;
  let projectId: string;

  beforeAll(async () => {
    app = await createTestApp();
    const unitId = await ensureTestUnit(app, { code: '93', name: 'Tỉnh Dữ Liệu Cá Nhân' });
    await ensureTestAgency(app, { code: 'TEST.DIGI93', unitId });
    const roles = { 'clerk-a': 'DATA_OFFICER', 'clerk-b': 'DATA_OFFICER', verifier: 'SPECIALIST', viewer: 'REPORT_VIEWER' } as const;
    for (const [who, role] of Object.entries(roles))
      tokens[who] = await staffToken(app, { username: `pdigi-${who}-${suffix}`, roles: [role], agencyCode: 'TEST.DIGI93' });
    const project = await http()
      .post('/api/v1/digitisation/projects')
      .set(as('clerk-a'))
      .send({ code: `PD-${suffix}`, name: 'Hồ sơ có số định danh', unitId })
      .expect(201);
    projectId = project.body.id;
    const file = await http()
      .post(`/api/v1/digitisation/projects/${projectId}/files`)
      .set(as('clerk-a'))
      .send({ boxCode: 'HOP-PD', archiveCode: `PD.${suffix}.1` })
      .expect(201);
    fileId = file.body.id;
    const png = await sharp({ create: { width: 200, height: 300, channels: 3, background: '#ffffff' } }).png().toBuffer();
    await http()
      .post(`/api/v1/digitisation/files/${fileId}/scans`)
      .set(as('clerk-a'))
      .set('content-type', 'image/png')
      .set('x-content-sha256', createHash('sha256').update(png).digest('hex'))
      .send(png)
      .expect(201);
  });
  afterAll(async () => app.close());

  const typed = { fullName: 'Trần Văn Định', birth: '1950', gender: 'MALE', injuryRate: 31, decisionNumber: '5/QĐ-SLĐ', address: ADDRESS };

  it('flags a CCCD mismatch the masks hide (full values compared) and masks every REST and GraphQL response', async () => {
    const first = await http().post(`/api/v1/digitisation/files/${fileId}/entries`).set(as('clerk-a')).send({ ...typed, cccd: CCCD_A }).expect(200);
    const second = await http().post(`/api/v1/digitisation/files/${fileId}/entries`).set(as('clerk-b')).send({ ...typed, cccd: CCCD_B }).expect(200);
    expect(second.body).toMatchObject({ state: 'SCANNED', entry_mismatches: ['cccd'] });
    for (const res of [first, second]) expect(res.text).not.toMatch(/040085[01]00123|Lê Lợi/);

    // the verification view over REST: both entries, CCCD masked, no address
    const detail = await http().get(`/api/v1/digitisation/files/${fileId}`).set(as('verifier')).expect(200);
    expect(detail.body.entries.map((e: { data: unknown }) => e.data)).toEqual([
      expect.objectContaining({ fullName: 'Trần Văn Định', cccdMasked: MASKED }),
      expect.objectContaining({ cccdMasked: MASKED }),
    ]);
    expect(detail.text).not.toMatch(/040085[01]00123|Lê Lợi|"cccd":|"address":/);

    // the same over GraphQL
    const g = await gql(
      'verifier',
      `query($fileId: ID!) { digitisationFile(fileId: $fileId) { entryMismatches entries { clerk data { cccdMasked fullName } } } }`,
      { fileId },
    );
    expect(g.errors).toBeUndefined();
    expect(g.data?.digitisationFile.entryMismatches).toEqual(['cccd']);
    expect(g.data?.digitisationFile.entries.map((e: { data: { cccdMasked: string } }) => e.data.cccdMasked)).toEqual([MASKED, MASKED]);
    // the masked type has no full CCCD field to ask for
    const noFull = await http()
      .post('/graphql')
      .set(as('verifier'))
      .send({ query: `query($fileId: ID!) { digitisationFile(fileId: $fileId) { entries { data { cccd } } } }`, variables: { fileId } });
    expect(noFull.body.errors?.[0].extensions.code).toBe('GRAPHQL_INVALID');
    expect(await views(fileId)).toEqual([]);
  });

  it('reveals the full values to the correcting clerk (REST) and the verifier (GraphQL), one audit row per call', async () => {
    const revealed = await http().post(`/api/v1/digitisation/files/${fileId}/reveal`).set(as('clerk-b')).expect(200);
    expect(revealed.body).toMatchObject({ fileId, data: null });
    expect(revealed.body.entries.map((e: { data: { cccd: string; address: string } }) => [e.data.cccd, e.data.address])).toEqual([
      [CCCD_A, ADDRESS],
      [CCCD_B, ADDRESS],
    ]);
    expect(await views(fileId)).toEqual([{ personal_fields: ['cccd', 'address'], actor_name: `pdigi-clerk-b-${suffix}`.toLowerCase() }]);

    // the clerk corrects; the file is ENTERED and the agreed data is masked in the answer
    const entered = await http().post(`/api/v1/digitisation/files/${fileId}/entries`).set(as('clerk-b')).send({ ...typed, cccd: CCCD_A }).expect(200);
    expect(entered.body).toMatchObject({ state: 'ENTERED', entry_mismatches: [], data: expect.objectContaining({ cccdMasked: MASKED }) });
    expect(entered.text).not.toContain(CCCD_A);

    const query = `query($fileId: ID!) { digitisationFilePersonalData(fileId: $fileId) {
      fileId data { cccd address fullName } entries { clerk data { cccd } } } }`;
    const g = await gql('verifier', query, { fileId });
    expect(g.errors).toBeUndefined();
    expect(g.data?.digitisationFilePersonalData).toMatchObject({ fileId, data: { cccd: CCCD_A, address: ADDRESS, fullName: 'Trần Văn Định' } });
    expect(g.data?.digitisationFilePersonalData.entries).toHaveLength(2);
    expect(await views(fileId)).toHaveLength(2);

    // a return reason quoting the number shows it masked (REST and GraphQL)
    const back = await http()
      .post(`/api/v1/digitisation/files/${fileId}/verification`)
      .set(as('verifier'))
      .send({ agree: false, reason: `Đối chiếu lại CCCD ${CCCD_A} với bản quét` })
      .expect(200);
    expect(back.body).toMatchObject({ state: 'SCANNED', return_reason: `Đối chiếu lại CCCD ${MASKED} với bản quét` });
    const reason = await gql('clerk-a', `query($fileId: ID!) { digitisationFile(fileId: $fileId) { returnReason } }`, { fileId });
    expect(reason.data?.digitisationFile.returnReason).toBe(`Đối chiếu lại CCCD ${MASKED} với bản quét`);
    for (const clerk of ['clerk-a', 'clerk-b'])
      await http().post(`/api/v1/digitisation/files/${fileId}/entries`).set(as(clerk)).send({ ...typed, cccd: CCCD_A }).expect(200);

    // the verification answer and the list rows stay masked
    const verified = await http().post(`/api/v1/digitisation/files/${fileId}/verification`).set(as('verifier')).send({ agree: true }).expect(200);
    expect(verified.body).toMatchObject({ state: 'VERIFIED', data: expect.objectContaining({ cccdMasked: MASKED }) });
    expect(verified.text).not.toContain(CCCD_A);
    const list = await gql('verifier', `query($p: ID!) { digitisationFiles(projectId: $p) { items { state data { cccdMasked } } } }`, {
      p: projectId,
    });
    expect(list.data?.digitisationFiles.items).toEqual([{ state: 'VERIFIED', data: { cccdMasked: MASKED } }]);
    expect(await views(fileId)).toHaveLength(2);
  });

  it('refuses the reveal to a role that does not enter or verify (FORBIDDEN), with no audit row', async () => {
    const rest = await http().post(`/api/v1/digitisation/files/${fileId}/reveal`).set(as('viewer')).expect(403);
    expect(rest.body.code).toBe('FORBIDDEN');
    expect(rest.text).not.toContain(CCCD_A);
    const g = await gql('viewer', `query($fileId: ID!) { digitisationFilePersonalData(fileId: $fileId) { data { cccd } } }`, { fileId });
    expect(g.data ?? null).toBeNull();
    expect(g.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect(await views(fileId)).toHaveLength(2);
  });
});
