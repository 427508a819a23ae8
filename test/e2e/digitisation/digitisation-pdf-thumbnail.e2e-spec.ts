import { createHash, randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { FileStore } from 'src/common/storage/file-store';
import { JobHandlerRegistry } from 'src/queue/job-handler.registry';
import { ensureTestUnit, staffToken } from 'test/utils/auth';
import { createTestApp } from 'test/utils/test-app';

function pdf(pages: number): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ size: 'A4', compress: true });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.fontSize(28).text('Hồ sơ người có công', 72, 72);
    doc.rect(72, 200, 300, 300).fill('#000000');
    for (let i = 2; i <= pages; i++) doc.addPage().text(`Trang ${i}`);
    doc.end();
  });
}

interface ScanState {
  thumbnail_state: string;
  thumbnail_error: string | null;
  thumbnail_key: string | null;
  page_count: number;
  file_pages: number;
}

describe('digitisation.thumbnail job for PDF scans', () => {
  let app: NestFastifyApplication;
  let token: string;
  let projectId: string;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await createTestApp();
    token = await staffToken(app, { username: 'digi-pdf-clerk', roles: ['DATA_OFFICER'] });
    const unitId = await ensureTestUnit(app, { code: '98', name: 'Tỉnh Thử Nghiệm' });
    const project = await http()
      .post('/api/v1/digitisation/projects')
      .set('authorization', `Bearer ${token}`)
      .send({ code: `PDF-${Date.now().toString(36).toUpperCase()}`, name: 'Thumbnails PDF', unitId })
      .expect(201);
    projectId = project.body.id;
  });
  afterAll(async () => app.close());

  async function upload(archiveCode: string, content: Buffer): Promise<{ fileId: string; scanId: string }> {
    const file = await http()
      .post(`/api/v1/digitisation/projects/${projectId}/files`)
      .set('authorization', `Bearer ${token}`)
      .send({ boxCode: 'HOP-PDF', archiveCode })
      .expect(201);
    const scan = await http()
      .post(`/api/v1/digitisation/files/${file.body.id}/scans`)
      .set('authorization', `Bearer ${token}`)
      .set('content-type', 'application/pdf')
      .set('x-content-sha256', createHash('sha256').update(content).digest('hex'))
      .send(content)
      .expect(201);
    return { fileId: file.body.id, scanId: scan.body.scanId };
  }

  /** Runs the job as the worker does: the handler registered for `digitisation.thumbnail`, with its payload. */
  async function runJob(scanId: string): Promise<ScanState> {
    const handler = app.get(JobHandlerRegistry).get('digitisation.thumbnail');
    if (!handler) throw new Error('no handler for digitisation.thumbnail');
    await handler({ scanId }, { id: `digitisation-thumbnail-${scanId}`, data: { scanId } } as never);
    const [row] = await app.get(DataSource).query<ScanState[]>(
      `select s.thumbnail_state, s.thumbnail_error, s.thumbnail_key, s.page_count, f.page_count as file_pages
         from digitisation_scans s join digitisation_files f on f.id = s.file_id where s.id = $1`,
      [scanId],
    );
    return row;
  }

  it('renders page 1 of an uploaded PDF to a PNG thumbnail and records the page count from the PDF', async () => {
    // a compressed PDF keeps its page objects in object streams: the upload-time estimate cannot see them
    const { scanId } = await upload(`PDF.OK.${randomUUID().slice(0, 8)}`, await pdf(3));
    const state = await runJob(scanId);
    expect(state).toMatchObject({ thumbnail_state: 'DONE', thumbnail_error: null, page_count: 3, file_pages: 3 });
    const thumb = await app.get(FileStore).get(state.thumbnail_key as string);
    const meta = await sharp(thumb).metadata();
    expect(meta.format).toBe('png');
    expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBe(256);
    const stats = await sharp(thumb).stats();
    expect(stats.channels[0].min).toBeLessThan(30); // the black square of page 1 is there
  });

  it('gives a corrupt PDF a FAILED thumbnail with the reason; the worker keeps working', async () => {
    const broken = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Page /Contents 9 0 R >>\nthis is not a pdf body\n%%EOF');
    const bad = await upload(`PDF.BAD.${randomUUID().slice(0, 8)}`, broken);
    const failed = await runJob(bad.scanId);
    // the job succeeded (no retry loop) and a second run leaves the verdict alone
    await expect(runJob(bad.scanId)).resolves.toMatchObject({ thumbnail_state: 'FAILED' });
    expect(failed.thumbnail_state).toBe('FAILED');
    expect(failed.thumbnail_error).toMatch(/^PDF (UNREADABLE|TIMEOUT|TOO_HEAVY): ./);
    const good = await upload(`PDF.AFTER.${randomUUID().slice(0, 8)}`, await pdf(1));
    expect((await runJob(good.scanId)).thumbnail_state).toBe('DONE');
  });
});
