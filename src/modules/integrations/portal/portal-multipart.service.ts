import { once } from 'node:events';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { RequestContext } from 'src/common/context/request-context';
import { DomainException } from 'src/common/errors/domain.exception';
import { createValidationPipe } from 'src/common/validation/validation.pipe';
import { AppConfig } from 'src/config/app-config';
import { DossierOutcomeService, type StagedDocumentFile } from 'src/modules/dossiers/services/dossier-outcome.service';
import { DossierReceiptService } from 'src/modules/dossiers/services/dossier-receipt.service';
import { CodeMappingsService } from 'src/modules/integrations/mappings/code-mappings.service';
import { IntegrationIdempotencyService } from 'src/modules/integrations/portal/integration-idempotency.service';
import {
  MULTIPART_MAX_FILES,
  PortalMultipartSubmitDto,
  toPortalView,
  type PortalDossierView,
} from 'src/modules/integrations/portal/portal.dto';
import { IntegrationClientsService } from 'src/modules/integrations/signature/integration-clients.service';
import { deferredSignatureOf } from 'src/modules/integrations/signature/raw-body.hook';

/** Largest `dossier` JSON part. */
const MANIFEST_MAX_BYTES = 64 * 1024;

/** A multipart request may carry its files (each at most the attachment limit) up to this many attachments' worth. */
export function multipartMaxBytes(fileMaxBytes: number): number {
  return 4 * fileMaxBytes + MANIFEST_MAX_BYTES;
}

interface MultipartPart {
  type: 'field' | 'file';
  fieldname: string;
  mimetype: string;
  value?: unknown;
  file?: Readable & { truncated?: boolean };
}

type MultipartRequest = FastifyRequest & {
  parts(options: { limits: Record<string, number> }): AsyncIterableIterator<MultipartPart>;
};

function caller(): string {
  const actor = RequestContext.actor();
  return `${actor?.kind ?? 'anonymous'}:${actor?.id ?? ''}`;
}

/** Discards what is left of a request body (after a refusal), bounded in time, so the answer reaches the client. */
async function drain(raw: IncomingMessage): Promise<void> {
  if (raw.readableEnded || raw.destroyed) return;
  raw.unpipe();
  raw.resume();
  await Promise.race([once(raw, 'end').catch(() => undefined), new Promise((r) => setTimeout(r, 5000))]);
}

/**
 * Multipart submissions from portals (`POST /integrations/dossiers/multipart`): a `dossier` JSON part (the JSON
 * endpoint's body plus a manifest of the files: part name, checklist code, file name, content type, size, sha-256),
 * then one part per file. Files stream to the file store as they arrive (never held whole): type allow-list, the
 * per-file limit (413) and the request's total limit (413) are enforced while streaming, and each file's size and
 * checksum must equal its manifest entry. The request signature (when the client signs) is computed over the raw
 * bytes as they stream and checked at the end of the body; only then is the dossier created, with its files, under
 * the Idempotency-Key: same key + same dossier part → the first dossier; same key + another → IDEMPOTENCY_KEY_CONFLICT.
 * A refused or replayed request leaves no file behind.
 */
@Injectable()
export class PortalMultipartService {
  private readonly logger = new Logger('PortalMultipart');

  constructor(
    private readonly receipt: DossierReceiptService,
    private readonly outcome: DossierOutcomeService,
    private readonly mappings: CodeMappingsService,
    private readonly clients: IntegrationClientsService,
    private readonly idempotency: IntegrationIdempotencyService,
    private readonly config: AppConfig,
  ) {}

  async submit(request: FastifyRequest, key: string): Promise<{ view: PortalDossierView; replayed: boolean }> {
    const raw = request.raw;
    const total = multipartMaxBytes(this.config.dossiers.fileMaxBytes);
    const signature = deferredSignatureOf(request);
    const staged: StagedDocumentFile[] = [];
    let received = 0;
    let current: Readable | undefined;
    // Attached in the same tick as the multipart parser's pipe: every raw byte is seen by both.
    const onData = (chunk: Buffer): void => {
      received += chunk.length;
      signature?.update(chunk);
      if (received > total)
        current?.destroy(new DomainException('PAYLOAD_TOO_LARGE', `Multipart uploads are limited to ${total} bytes`, { maxBytes: total }));
    };
    raw.on('data', onData);
    try {
      const parts = (request as MultipartRequest).parts({
        limits: {
          fileSize: this.config.dossiers.fileMaxBytes + 1,
          files: MULTIPART_MAX_FILES,
          fields: 1,
          parts: MULTIPART_MAX_FILES + 1,
          fieldSize: MANIFEST_MAX_BYTES,
        },
      });
      let manifest: PortalMultipartSubmitDto | undefined;
      const seen = new Set<string>();
      for await (const part of parts) {
        if (part.type === 'field') {
          if (part.fieldname !== 'dossier' || manifest)
            throw new DomainException('VALIDATION_FAILED', 'The only field is the "dossier" JSON part, before the files');
          manifest = await this.parseManifest(part.value);
          continue;
        }
        if (!manifest) throw new DomainException('VALIDATION_FAILED', 'The "dossier" JSON part must come before the files');
        const entry = manifest.files.find((f) => f.part === part.fieldname);
        if (!entry || seen.has(part.fieldname))
          throw new DomainException('VALIDATION_FAILED', `File part "${part.fieldname}" is not declared once in dossier.files`);
        seen.add(part.fieldname);
        if (part.mimetype !== entry.contentType)
          throw new DomainException('VALIDATION_FAILED', `File part "${part.fieldname}" is ${part.mimetype}, declared ${entry.contentType}`);
        const stream = part.file;
        if (!stream) throw new DomainException('VALIDATION_FAILED', `Part "${part.fieldname}" carries no file`);
        current = stream;
        const stored = await this.outcome.stageDocumentFile({ contentType: entry.contentType, stream });
        current = undefined;
        staged.push({ checklistCode: entry.checklistCode, name: entry.name, fileName: entry.fileName, contentType: entry.contentType, stored });
        if (stored.sha256 !== entry.sha256 || stored.sizeBytes !== entry.sizeBytes)
          throw new DomainException('INTEGRATION_FILE_CHECKSUM_MISMATCH', `File part "${part.fieldname}" does not match its size or sha256`, {
            part: part.fieldname,
          });
      }
      if (!manifest) throw new DomainException('VALIDATION_FAILED', 'The "dossier" JSON part is missing');
      const missing = manifest.files.filter((f) => !seen.has(f.part)).map((f) => f.part);
      if (missing.length > 0) throw new DomainException('VALIDATION_FAILED', `Declared file parts missing: ${missing.join(', ')}`);
      if (!raw.readableEnded) await once(raw, 'end');
      if (signature && !signature.matches()) throw new DomainException('INTEGRATION_SIGNATURE_INVALID');
      const result = await this.create(manifest, staged, key);
      if (result.replayed) await this.discard(staged);
      return result;
    } catch (error) {
      await this.discard(staged);
      await drain(raw);
      throw error;
    } finally {
      raw.off('data', onData);
    }
  }

  private async parseManifest(value: unknown): Promise<PortalMultipartSubmitDto> {
    let json: unknown = value;
    if (typeof value === 'string') {
      try {
        json = JSON.parse(value);
      } catch {
        throw new DomainException('VALIDATION_FAILED', 'The "dossier" part is not valid JSON');
      }
    }
    return (await createValidationPipe().transform(json, { type: 'body', metatype: PortalMultipartSubmitDto })) as PortalMultipartSubmitDto;
  }

  /**
   * Creates the dossier and attaches the files, once per Idempotency-Key (the hash covers the dossier part, files'
   * checksums included). A retry after a failure half-way finds the dossier the key already made (the dossier
   * module's key) and attaches what is missing.
   */
  private async create(
    manifest: PortalMultipartSubmitDto,
    staged: StagedDocumentFile[],
    key: string,
  ): Promise<{ view: PortalDossierView; replayed: boolean }> {
    const actor = RequestContext.actor();
    const portal = await this.clients.portalOf(actor?.kind === 'api_key' ? actor.id : undefined);
    const { result, replayed } = await this.idempotency.run(caller(), key, 'dossiers:multipart', manifest, async () => {
      const procedureCode = await this.mappings.catalogCode(portal, manifest.procedureCode);
      const { dossier } = await this.receipt.receive(
        { procedureCode, channel: 'ONLINE', agencyId: manifest.agencyId, applicant: manifest.applicant, documents: manifest.documents },
        key,
      );
      const withFiles = await this.outcome.attachStagedDocuments(dossier.id, dossier.version, staged);
      staged.splice(0); // the dossier's now: never discarded by a later failure
      return toPortalView(withFiles, await this.mappings.statusMap(portal));
    });
    return { view: result, replayed };
  }

  private async discard(staged: StagedDocumentFile[]): Promise<void> {
    for (const f of staged.splice(0)) {
      await this.outcome.discardStagedFile(f.stored.key).catch((error: unknown) => {
        this.logger.warn(`Could not remove a staged upload: ${(error as Error).message}`);
      });
    }
  }
}
