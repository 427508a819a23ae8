import { createHash } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import sharp from 'sharp';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { DigitisationStatsService } from 'src/modules/digitisation/digitisation-stats.service';
import { DigitisationThumbnailsService } from 'src/modules/digitisation/thumbnails/digitisation-thumbnails.service';
import { ensureTestUnit, staffToken } from 'test/utils/auth';
import { createTestApp } from 'test/utils/test-app';

describe('digitisation of a paper file through every state', () => {
  let app: NestFastifyApplication;
  const http = () => request(app.getHttpServer());
  const tokens: Record<string, string> = {};
  const as = (who: string) => ({ authorization: `Bearer ${tokens[who]}` });

  beforeAll(async () => {
    app = await createTestApp();
    for (const who of ['clerk-a', 'clerk-b', 'verifier'])
      tokens[who] = await staffToken(app, { username: `digi-${who}`, roles: ['DATA_OFFICER'] });
  });
  afterAll(async () => app.close());

  it('scan (checksum verified) → double entry (mismatch flagged) → four-eyes (disagreement goes back) → link → done', async () => {
    const suffix = Date.now().toString(36).toUpperCase();
    const unitId = await ensureTestUnit(app, { code: '98', name: 'Tỉnh Thử Nghiệm' });
    // a project of a unit outside the officers' scope is refused
    await http()
      .post('/api/v1/digitisation/projects')
      .set(as('clerk-a'))
      .send({ code: `OUT-${suffix}`, name: 'Ngoài phạm vi' })
      .expect(403);
    const project = await http()
      .post('/api/v1/digitisation/projects')
      .set(as('clerk-a'))
      .send({ code: `NCC-${suffix}`, name: 'Hồ sơ người có công huyện X', unitId })
      .expect(201);
    const file = await http()
      .post(`/api/v1/digitisation/projects/${project.body.id}/files`)
      .set(as('clerk-a'))
      .send({ boxCode: 'HOP-001', archiveCode: `NCC.X.${suffix}` })
      .expect(201);
    const fileId = file.body.id as string;
    expect(file.body.state).toBe('REGISTERED');

    const png = await sharp({ create: { width: 600, height: 800, channels: 3, background: '#ffffff' } }).png().toBuffer();
    const sum = createHash('sha256').update(png).digest('hex');
    // a wrong declared checksum is refused and nothing is recorded
    await http()
      .post(`/api/v1/digitisation/files/${fileId}/scans`)
      .set(as('clerk-a'))
      .set('content-type', 'image/png')
      .set('x-content-sha256', '0'.repeat(64))
      .send(png)
      .expect(422);
    const scan = await http()
      .post(`/api/v1/digitisation/files/${fileId}/scans`)
      .set(as('clerk-a'))
      .set('content-type', 'image/png')
      .set('x-content-sha256', sum)
      .send(png)
      .expect(201);
    expect(scan.body.pageCount).toBe(1);
    await app.get(DigitisationThumbnailsService).makeThumbnail(scan.body.scanId);
    const [thumb] = await app
      .get(DataSource)
      .query(`select thumbnail_state from digitisation_scans where id = $1`, [scan.body.scanId]);
    expect(thumb.thumbnail_state).toBe('DONE');

    const entry = { fullName: 'Lê Văn Công', birth: '1948-05-20', gender: 'MALE', injuryRate: 41, decisionNumber: '12/QĐ-LĐTBXH' };
    await http().post(`/api/v1/digitisation/files/${fileId}/entries`).set(as('clerk-a')).send(entry).expect(200);
    const mismatch = await http()
      .post(`/api/v1/digitisation/files/${fileId}/entries`)
      .set(as('clerk-b'))
      .send({ ...entry, injuryRate: 14 })
      .expect(200);
    expect(mismatch.body).toMatchObject({ state: 'SCANNED', entry_mismatches: ['injuryRate'] });
    const entered = await http()
      .post(`/api/v1/digitisation/files/${fileId}/entries`)
      .set(as('clerk-b'))
      .send(entry)
      .expect(200);
    expect(entered.body).toMatchObject({ state: 'ENTERED', entry_mismatches: [] });

    // four eyes: a clerk who entered it cannot verify; the verifier disagrees → back to data entry
    await http().post(`/api/v1/digitisation/files/${fileId}/verification`).set(as('clerk-a')).send({ agree: true }).expect(409);
    const back = await http()
      .post(`/api/v1/digitisation/files/${fileId}/verification`)
      .set(as('verifier'))
      .send({ agree: false, reason: 'Số quyết định sai' })
      .expect(200);
    expect(back.body).toMatchObject({ state: 'SCANNED', returned_count: 1 });
    const fixed = { ...entry, decisionNumber: '21/QĐ-LĐTBXH' };
    await http().post(`/api/v1/digitisation/files/${fileId}/entries`).set(as('clerk-a')).send(fixed).expect(200);
    await http().post(`/api/v1/digitisation/files/${fileId}/entries`).set(as('clerk-b')).send(fixed).expect(200);
    const verified = await http()
      .post(`/api/v1/digitisation/files/${fileId}/verification`)
      .set(as('verifier'))
      .send({ agree: true })
      .expect(200);
    expect(verified.body).toMatchObject({ state: 'VERIFIED', verified_by: 'digi-verifier' });

    const linked = await http().post(`/api/v1/digitisation/files/${fileId}/link`).set(as('verifier')).send({}).expect(200);
    expect(linked.body.state).toBe('LINKED');
    const [person] = await app
      .get(DataSource)
      .query(`select full_name, birth_year, source from registry_people where id = $1`, [linked.body.person_id]);
    expect(person).toEqual({ full_name: 'Lê Văn Công', birth_year: 1948, source: 'DIGITISATION' });
    await http().post(`/api/v1/digitisation/files/${fileId}/complete`).set(as('verifier')).expect(200);

    const stats = await http()
      .get(`/api/v1/digitisation/projects/${project.body.id}/stats`)
      .set(as('verifier'))
      .expect(200);
    expect(stats.body.filesByState).toEqual({ DONE: 1 });
    expect(stats.body.digitisationRate).toBe(1);
    expect(stats.body.boxes).toEqual([{ box: 'HOP-001', total: 1, done: 1, byState: { DONE: 1 } }]);
    const rates = await app
      .get(DigitisationStatsService)
      .ratesByUnit(null, new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10));
    expect(rates.find((r) => r.unitId === unitId)).toMatchObject({ files: expect.any(Number), done: expect.any(Number) });
    const clerkA = stats.body.clerks.find((c: { clerk: string }) => c.clerk === 'digi-clerk-a');
    expect(clerkA).toMatchObject({ entries: 2, verified: 1, returned: 1, errorRate: 0.5 });
  });
});
