import { createHash } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import sharp from 'sharp';
import request from 'supertest';
import { ensureTestAgency, ensureTestUnit, staffToken } from 'test/utils/auth';
import { createTestApp } from 'test/utils/test-app';

const FILE_FIELDS = 'id state archiveCode entryMismatches returnedCount verifiedBy personId version';

describe('digitisation over GraphQL', () => {
  let app: NestFastifyApplication;
  const tokens: Record<string, string> = {};
  const http = () => request(app.getHttpServer());
  const gql = async (who: string, query: string, variables: Record<string, unknown> = {}) => {
    const res = await http().post('/graphql').set('authorization', `Bearer ${tokens[who]}`).send({ query, variables });
    expect(res.status).toBe(200);
    return res.body as { data?: Record<string, any>; errors?: Array<{ message: string; extensions: { code: string } }> };
  };
  const ok = async (who: string, query: string, variables: Record<string, unknown> = {}) => {
    const body = await gql(who, query, variables);
    expect(body.errors).toBeUndefined();
    return body.data as Record<string, any>;
  };
  const suffix = Date.now().toString(36).toUpperCase();
  let unitId: string;

  beforeAll(async () => {
    app = await createTestApp();
    unitId = await ensureTestUnit(app, { code: '97', name: 'Tỉnh Số Hoá' });
    await ensureTestAgency(app, { code: 'TEST.DIGI97', unitId });
    for (const who of ['clerk-a', 'clerk-b', 'verifier'])
      tokens[who] = await staffToken(app, { username: `gdigi-${who}`, roles: ['DATA_OFFICER'], agencyCode: 'TEST.DIGI97' });
    tokens.viewer = await staffToken(app, { username: 'gdigi-viewer', roles: ['REPORT_VIEWER'], agencyCode: 'TEST.DIGI97' });
    tokens.outsider = await staffToken(app, { username: 'gdigi-outsider', roles: ['DATA_OFFICER'] });
  });
  afterAll(async () => app.close());

  it('takes a file through every state with double entry and four eyes; stats per box, clerk and day', async () => {
    const { createDigitisationProject: project } = await ok(
      'clerk-a',
      `mutation($input: CreateDigitisationProjectInput!) { createDigitisationProject(input: $input) { id code unitId } }`,
      { input: { code: `GQL-${suffix}`, name: 'Hồ sơ người có công (GraphQL)', unitId } },
    );
    expect(project).toMatchObject({ code: `GQL-${suffix}`, unitId });
    const register = `mutation($input: RegisterDigitisationFileInput!) { registerDigitisationFile(input: $input) { ${FILE_FIELDS} boxId } }`;
    const { registerDigitisationFile: file } = await ok('clerk-a', register, {
      input: { projectId: project.id, boxCode: 'HOP-01', archiveCode: `GQL.${suffix}.1` },
    });
    expect(file.state).toBe('REGISTERED');
    await ok('clerk-a', register, { input: { projectId: project.id, boxCode: 'HOP-02', archiveCode: `GQL.${suffix}.2` } });

    // the scan itself is uploaded over REST (binary body, checksum verified before the acknowledgement)
    const png = await sharp({ create: { width: 300, height: 400, channels: 3, background: '#ffffff' } }).png().toBuffer();
    await http()
      .post(`/api/v1/digitisation/files/${file.id}/scans`)
      .set('authorization', `Bearer ${tokens['clerk-a']}`)
      .set('content-type', 'image/png')
      .set('x-content-sha256', createHash('sha256').update(png).digest('hex'))
      .send(png)
      .expect(201);

    const entry = `mutation($fileId: ID!, $input: DigitisationEntryInput!) {
      submitDigitisationEntry(fileId: $fileId, input: $input) { ${FILE_FIELDS} } }`;
    const typed = { fullName: 'Hà Thị Số', birth: '1952', gender: 'FEMALE', injuryRate: 61, decisionNumber: '7/QĐ-SLĐ' };
    expect((await ok('clerk-a', entry, { fileId: file.id, input: typed })).submitDigitisationEntry.state).toBe('SCANNED');
    const mismatch = await ok('clerk-b', entry, { fileId: file.id, input: { ...typed, injuryRate: 16 } });
    expect(mismatch.submitDigitisationEntry).toMatchObject({ state: 'SCANNED', entryMismatches: ['injuryRate'] });
    const entered = await ok('clerk-b', entry, { fileId: file.id, input: typed });
    expect(entered.submitDigitisationEntry).toMatchObject({ state: 'ENTERED', entryMismatches: [] });

    // the verifier sees the scan beside both entries
    const detail = await ok(
      'verifier',
      `query($fileId: ID!) { digitisationFile(fileId: $fileId) {
         state data { fullName injuryRate } scans { contentType pageCount sha256 } entries { clerk data { injuryRate } } } }`,
      { fileId: file.id },
    );
    expect(detail.digitisationFile.scans).toEqual([expect.objectContaining({ contentType: 'image/png', pageCount: 1 })]);
    expect(detail.digitisationFile.entries.map((e: { clerk: string }) => e.clerk).sort()).toEqual([
      'gdigi-clerk-a',
      'gdigi-clerk-b',
    ]);

    const verify = `mutation($fileId: ID!, $input: VerifyDigitisationFileInput!) {
      verifyDigitisationFile(fileId: $fileId, input: $input) { ${FILE_FIELDS} } }`;
    const self = await gql('clerk-a', verify, { fileId: file.id, input: { agree: true } });
    expect(self.errors?.[0].extensions.code).toBe('DIGITISATION_SAME_OFFICER');
    const back = await ok('verifier', verify, { fileId: file.id, input: { agree: false, reason: 'Sai số quyết định' } });
    expect(back.verifyDigitisationFile).toMatchObject({ state: 'SCANNED', returnedCount: 1 });
    const fixed = { ...typed, decisionNumber: '17/QĐ-SLĐ' };
    await ok('clerk-a', entry, { fileId: file.id, input: fixed });
    await ok('clerk-b', entry, { fileId: file.id, input: fixed });
    const verified = await ok('verifier', verify, { fileId: file.id, input: { agree: true } });
    expect(verified.verifyDigitisationFile).toMatchObject({ state: 'VERIFIED', verifiedBy: 'gdigi-verifier' });

    const linked = await ok('verifier', `mutation($fileId: ID!) { linkDigitisationFile(fileId: $fileId) { ${FILE_FIELDS} } }`, {
      fileId: file.id,
    });
    expect(linked.linkDigitisationFile.state).toBe('LINKED');
    expect(linked.linkDigitisationFile.personId).toEqual(expect.any(String));
    const done = await ok('verifier', `mutation($fileId: ID!) { completeDigitisationFile(fileId: $fileId) { state } }`, {
      fileId: file.id,
    });
    expect(done.completeDigitisationFile.state).toBe('DONE');

    // lists with cursor pagination
    const files = `query($projectId: ID!, $after: String) { digitisationFiles(projectId: $projectId, first: 1, after: $after) {
      items { archiveCode state } endCursor hasNextPage } }`;
    const p1 = (await ok('verifier', files, { projectId: project.id })).digitisationFiles;
    expect(p1).toMatchObject({ items: [{ archiveCode: `GQL.${suffix}.1`, state: 'DONE' }], hasNextPage: true });
    const p2 = (await ok('verifier', files, { projectId: project.id, after: p1.endCursor })).digitisationFiles;
    expect(p2).toMatchObject({ items: [{ archiveCode: `GQL.${suffix}.2`, state: 'REGISTERED' }], hasNextPage: false });
    const boxes = await ok(
      'verifier',
      `query($projectId: ID!) { digitisationBoxes(projectId: $projectId, first: 500) { items { code files done } } }`,
      { projectId: project.id },
    );
    expect(boxes.digitisationBoxes.items).toEqual([
      { code: 'HOP-01', files: 1, done: 1 },
      { code: 'HOP-02', files: 1, done: 0 },
    ]);
    const tooMany = await gql('verifier', `{ digitisationProjects(first: 501) { items { id } } }`);
    expect(tooMany.errors?.[0].extensions.code).toBe('VALIDATION_FAILED');

    const stats = await ok(
      'viewer',
      `query($projectId: ID!) { digitisationStats(projectId: $projectId) {
         filesByState { state count } digitisationRate
         boxes { box total done byState { state count } }
         clerks { clerk entries verified returned errorRate }
         days { day scanned entered verified returned done } } }`,
      { projectId: project.id },
    );
    const s = stats.digitisationStats;
    expect(s.filesByState).toEqual([
      { state: 'REGISTERED', count: 1 },
      { state: 'DONE', count: 1 },
    ]);
    expect(s.digitisationRate).toBe(0.5);
    expect(s.boxes).toEqual([
      { box: 'HOP-01', total: 1, done: 1, byState: [{ state: 'DONE', count: 1 }] },
      { box: 'HOP-02', total: 1, done: 0, byState: [{ state: 'REGISTERED', count: 1 }] },
    ]);
    expect(s.clerks.find((c: { clerk: string }) => c.clerk === 'gdigi-clerk-b')).toEqual({
      clerk: 'gdigi-clerk-b',
      entries: 3,
      verified: 1,
      returned: 1,
      errorRate: 0.5,
    });
    expect(s.days).toHaveLength(1);
    expect(s.days[0]).toMatchObject({ scanned: 1, verified: 1, returned: 1, done: 1 });

    // an officer without the project's unit in scope sees neither the project nor its files
    const hidden = await gql('outsider', `query($fileId: ID!) { digitisationFile(fileId: $fileId) { id } }`, { fileId: file.id });
    expect(hidden.errors?.[0].extensions.code).toBe('DIGITISATION_FILE_NOT_FOUND');
    const none = await ok('outsider', `query($projectId: ID!) { digitisationFiles(projectId: $projectId) { items { id } } }`, {
      projectId: project.id,
    });
    expect(none.digitisationFiles.items).toEqual([]);
  });

  it('refuses a mutation to a role that may only read, with extensions.code FORBIDDEN', async () => {
    const denied = await gql(
      'viewer',
      `mutation { createDigitisationProject(input: { code: "DENIED-${suffix}", name: "Không được" }) { id } }`,
    );
    expect(denied.data ?? null).toBeNull();
    expect(denied.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });
});
