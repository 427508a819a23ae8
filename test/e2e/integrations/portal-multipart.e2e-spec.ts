import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { RequestContext } from 'src/common/context/request-context';
import { SYSTEM_ACTOR } from 'src/modules/dossiers/persistence/dossier-journal.service';
import { IntegrationClientsService } from 'src/modules/integrations/signature/integration-clients.service';
import { signedRequestHeaders } from 'src/modules/integrations/signature/request-signature';
import { createApiKey } from 'test/utils/auth';
import { APPLICANT, FULL_DOCS, createTestAgencies, createTestProcedure } from 'test/utils/dossier-fixtures';
import { createTestApp } from 'test/utils/test-app';

const PATH = '/api/v1/integrations/dossiers/multipart';
const FILE_MAX = 4096;
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const asSystem = <T>(fn: () => Promise<T>): Promise<T> => RequestContext.run({ requestId: 'test', actor: SYSTEM_ACTOR }, fn);

interface Part {
  name: string;
  type: string;
  data: Buffer | string;
  filename?: string;
}

/** The exact bytes of a multipart/form-data body (so the client can sign them). */
function multipart(parts: Part[]): { body: Buffer; type: string } {
  const boundary = `----ansinh${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename ? `; filename="${p.filename}"` : ''}`;
    chunks.push(Buffer.from(`--${boundary}\r\ncontent-disposition: ${disposition}\r\ncontent-type: ${p.type}\r\n\r\n`));
    chunks.push(Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), type: `multipart/form-data; boundary=${boundary}` };
}

describe('portal multipart submission: streamed files, checksums, limits, signature over the body, Idempotency-Key', () => {
  let app: NestFastifyApplication;
  let ds: DataSource;
  let base: string;
  let key: string;
  let secret: string;
  let procedureCode: string;
  let storage: string;
  const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(2000)]);
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), randomBytes(1500)]);

  const dossierPart = (files: Array<{ part: string; data: Buffer; type: string; checklistCode?: string }>, name = 'Nguyễn Văn An') => ({
    name: 'dossier',
    type: 'application/json',
    data: JSON.stringify({
      procedureCode,
      applicant: { ...APPLICANT, name },
      documents: FULL_DOCS,
      files: files.map((f) => ({
        part: f.part,
        checklistCode: f.checklistCode,
        fileName: `${f.part}.${f.type.split('/')[1]}`,
        contentType: f.type,
        sizeBytes: f.data.length,
        sha256: sha(f.data),
      })),
    }),
  });

  const twoFiles = (): Part[] => [
    dossierPart([
      { part: 'f1', data: pdf, type: 'application/pdf', checklistCode: 'DON' },
      { part: 'f2', data: png, type: 'image/png', checklistCode: 'CCCD' },
    ]),
    { name: 'f1', filename: 'don.pdf', type: 'application/pdf', data: pdf },
    { name: 'f2', filename: 'cccd.png', type: 'image/png', data: png },
  ];

  const post = async (
    parts: Part[] | { body: Buffer; type: string },
    idempotencyKey: string,
    tamper?: (b: Buffer) => Buffer,
  ): Promise<{ status: number; json: Record<string, unknown>; headers: Headers }> => {
    const { body, type } = Array.isArray(parts) ? multipart(parts) : parts;
    const headers = { 'x-api-key': key, 'content-type': type, 'idempotency-key': idempotencyKey, ...signedRequestHeaders(secret, 'POST', PATH, body) };
    const res = await fetch(`${base}${PATH}`, { method: 'POST', headers, body: new Uint8Array(tamper ? tamper(body) : body) });
    const text = await res.text();
    return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {}, headers: res.headers };
  };

  const storedFiles = async (): Promise<number> => (await readdir(join(storage, 'documents')).catch(() => [])).length;

  beforeAll(async () => {
    storage = await mkdtemp(join(tmpdir(), 'ansinh-mp-'));
    app = await createTestApp({ STORAGE_DIR: storage, DOSSIER_FILE_MAX_BYTES: String(FILE_MAX), API_KEY_RATE_LIMIT: '100000' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    ds = app.get(DataSource);
    const agencies = await createTestAgencies(app);
    procedureCode = (await createTestProcedure(app)).code;
    key = await createApiKey(app, { scopes: ['dossiers:read', 'dossiers:write'], agencyCode: agencies.provinceCode });
    const [row] = await ds.query<Array<{ id: string }>>(`select id from api_keys where prefix = $1`, [key.split('_')[1]]);
    const settings = await asSystem(() => app.get(IntegrationClientsService).configure(row.id, { signingRequired: true, rotateSecret: true }));
    secret = settings.signingSecret as string;
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await rm(storage, { recursive: true, force: true });
  });

  it('creates the dossier with its files (checksums kept, linked to their checklist documents); a retry returns it', async () => {
    const idem = randomUUID();
    const first = await post(twoFiles(), idem);
    expect(first.status).toBe(201);
    const id = String(first.json.id);
    const files = await ds.query<Array<{ sha256: string; size_bytes: string; checklist_code: string }>>(
      `select f.sha256, f.size_bytes, d.checklist_code from dossier_files f join dossier_documents d on d.file_id = f.id
        where f.dossier_id = $1 order by d.checklist_code`,
      [id],
    );
    expect(files).toEqual([
      { sha256: sha(png), size_bytes: String(png.length), checklist_code: 'CCCD' },
      { sha256: sha(pdf), size_bytes: String(pdf.length), checklist_code: 'DON' },
    ]);
    expect(await storedFiles()).toBe(2);
    // Same key, same body (signed again with a fresh nonce): the same dossier, nothing stored twice.
    const again = await post(twoFiles(), idem);
    expect(again.status).toBe(201);
    expect(again.json.id).toBe(id);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await storedFiles()).toBe(2);
    // Same key, another body: the conflict of the JSON endpoint.
    const other = await post([dossierPart([{ part: 'f1', data: png, type: 'image/png' }]), { name: 'f1', filename: 'x.png', type: 'image/png', data: png }], idem);
    expect(other.status).toBe(409);
    expect(other.json.code).toBe('IDEMPOTENCY_KEY_CONFLICT');
    expect(await storedFiles()).toBe(2);
  });

  it('refuses a body changed after signing (401), a file whose checksum differs (422) and a type not allowed (415), keeping no file', async () => {
    const before = await storedFiles();
    // Another applicant name of the same length: a valid request, but not the one that was signed.
    const tampered = await post(twoFiles(), randomUUID(), (b) => {
      const copy = Buffer.from(b);
      copy.write(' Am"', copy.indexOf(' An"'), 'latin1');
      return copy;
    });
    expect(tampered.status).toBe(401);
    expect(tampered.json.code).toBe('INTEGRATION_SIGNATURE_INVALID');
    const corrupt = Buffer.from(pdf);
    corrupt[10] ^= 0xff;
    const mismatch = await post(
      [dossierPart([{ part: 'f1', data: pdf, type: 'application/pdf' }]), { name: 'f1', filename: 'a.pdf', type: 'application/pdf', data: corrupt }],
      randomUUID(),
    );
    expect(mismatch.status).toBe(422);
    expect(mismatch.json.code).toBe('INTEGRATION_FILE_CHECKSUM_MISMATCH');
    const text = Buffer.from('plain text');
    const wrongType = await post(
      [dossierPart([{ part: 'f1', data: text, type: 'text/plain' }]), { name: 'f1', filename: 'a.txt', type: 'text/plain', data: text }],
      randomUUID(),
    );
    expect(wrongType.status).toBe(415);
    expect(wrongType.json.code).toBe('FILE_TYPE_NOT_ALLOWED');
    expect(await storedFiles()).toBe(before);
  });

  it('answers 413 problem+json for a file over the per-file limit and for a body over the total limit', async () => {
    const before = await storedFiles();
    const big = randomBytes(FILE_MAX + 500);
    const tooBig = await post(
      [dossierPart([{ part: 'f1', data: big, type: 'application/pdf' }]), { name: 'f1', filename: 'big.pdf', type: 'application/pdf', data: big }],
      randomUUID(),
    );
    expect(tooBig.status).toBe(413);
    expect(tooBig.headers.get('content-type')).toContain('application/problem+json');
    expect(tooBig.json.code).toBe('FILE_TOO_LARGE');
    const huge = randomBytes(4 * FILE_MAX + 64 * 1024 + 10);
    const total = await post(
      [dossierPart([{ part: 'f1', data: huge, type: 'application/pdf' }]), { name: 'f1', filename: 'huge.pdf', type: 'application/pdf', data: huge }],
      randomUUID(),
    );
    expect(total.status).toBe(413);
    expect(total.json.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await storedFiles()).toBe(before);
  });
});
