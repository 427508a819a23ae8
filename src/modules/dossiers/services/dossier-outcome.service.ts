import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { AppConfig } from 'src/config/app-config';
import { AuditService } from 'src/modules/audit/audit.service';
import { DomainException } from 'src/common/errors/domain.exception';
import type { Channel } from 'src/modules/dossiers/domain/portal-codes';
import { DossierCalendarPort, DossierClock, endOfBusinessDay } from 'src/modules/dossiers/dossier-ports';
import type { DossierEntity } from 'src/modules/dossiers/entities/dossier.entity';
import { DossierFileEntity } from 'src/modules/dossiers/entities/dossier-parts.entity';
import { FileStore, type StoredObject } from 'src/common/storage/file-store';
import { currentActor } from 'src/modules/dossiers/persistence/dossier-journal.service';
import { DossierStoreService } from 'src/modules/dossiers/persistence/dossier-store.service';

export interface UploadInput {
  fileName: string;
  contentType: string;
  content: Buffer;
}

/** A document file streamed to the store before its dossier exists (multipart portal submissions). */
export interface StagedDocumentFile {
  checklistCode?: string;
  name?: string;
  fileName: string;
  contentType: string;
  stored: StoredObject;
}

export interface ApologyInput {
  reason: string;
  /** The proposed new appointment date; the appointment may be moved only once. */
  newDueDate: string;
  signedBy: string;
}

/**
 * Results (decision, result file with checksum, digitised flag), returning the result, attachments and apology
 * letters for late dossiers.
 */
@Injectable()
export class DossierOutcomeService {
  constructor(
    private readonly store: DossierStoreService,
    private readonly files: FileStore,
    private readonly calendar: DossierCalendarPort,
    private readonly clock: DossierClock,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  /** Size and type limits, then the store; returns the file row (content never leaves except via `readFile`). */
  private async storeFile(dossierId: string, purpose: 'DOCUMENT' | 'RESULT', upload: UploadInput): Promise<DossierFileEntity> {
    const { fileMaxBytes, fileTypes } = this.config.dossiers;
    if (upload.content.length > fileMaxBytes)
      throw new DomainException('FILE_TOO_LARGE', `Files may have at most ${fileMaxBytes} bytes`, { maxBytes: fileMaxBytes });
    if (!fileTypes.includes(upload.contentType))
      throw new DomainException('FILE_TYPE_NOT_ALLOWED', `Allowed types: ${fileTypes.join(', ')}`, { allowed: fileTypes });
    const stored = await this.files.put(purpose === 'RESULT' ? 'results' : 'documents', upload.content);
    const repo = this.store.dataSource.getRepository(DossierFileEntity);
    return repo.save(
      repo.create({
        dossierId,
        purpose,
        storageKey: stored.key,
        fileName: upload.fileName.slice(0, 255),
        contentType: upload.contentType,
        sizeBytes: String(stored.sizeBytes),
        sha256: stored.sha256,
        uploadedBy: currentActor().name,
      }),
    );
  }

  /**
   * Streams one document file to the store without holding it in memory: the content type must be allowed, and
   * more than `maxBytes` (at most the attachment limit) fails with FILE_TOO_LARGE (413) while streaming, leaving
   * nothing. The file is staged: attach it with `attachStagedDocuments`, or `discardStagedFile` it.
   */
  async stageDocumentFile(upload: { contentType: string; stream: Readable }, maxBytes?: number): Promise<StoredObject> {
    const { fileMaxBytes, fileTypes } = this.config.dossiers;
    if (!fileTypes.includes(upload.contentType)) {
      upload.stream.resume();
      throw new DomainException('FILE_TYPE_NOT_ALLOWED', `Allowed types: ${fileTypes.join(', ')}`, { allowed: fileTypes });
    }
    return this.files.putStream('documents', upload.stream, Math.min(maxBytes ?? fileMaxBytes, fileMaxBytes));
  }

  async discardStagedFile(key: string): Promise<void> {
    await this.files.remove(key);
  }

  /**
   * Attaches staged files to a dossier as submitted documents, in one version bump: each file is linked to the
   * dossier's document row of the same checklist code that has no file yet, or becomes a document row of its own.
   * A file already attached (same sha-256 and file name) is skipped, so a retried request never attaches twice.
   */
  async attachStagedDocuments(id: string, version: number, files: StagedDocumentFile[]): Promise<DossierEntity> {
    const uploadedBy = currentActor().name;
    return this.store.mutate(id, version, null, async (d, _to, m) => {
      const added: Array<{ fileId: string; sha256: string; checklistCode: string | null }> = [];
      for (const f of files) {
        const [existing] = await m.query<unknown[]>(
          `select 1 from dossier_files where dossier_id = $1 and purpose = 'DOCUMENT' and sha256 = $2 and file_name = $3`,
          [d.id, f.stored.sha256, f.fileName.slice(0, 255)],
        );
        if (existing) continue;
        const [file] = await m.query<Array<{ id: string }>>(
          `insert into dossier_files (dossier_id, purpose, storage_key, file_name, content_type, size_bytes, sha256, uploaded_by)
           values ($1, 'DOCUMENT', $2, $3, $4, $5, $6, $7) returning id`,
          [d.id, f.stored.key, f.fileName.slice(0, 255), f.contentType, f.stored.sizeBytes, f.stored.sha256, uploadedBy],
        );
        const linked = await m.query<unknown[]>(
          `update dossier_documents set file_id = $3 where id = (
             select id from dossier_documents where dossier_id = $1 and checklist_code = $2 and file_id is null
              order by provided_at, id limit 1) returning id`,
          [d.id, f.checklistCode ?? null, file.id],
        );
        if (linked.length === 0)
          await m.query(
            `insert into dossier_documents (dossier_id, checklist_code, name, file_id, as_supplement) values ($1, $2, $3, $4, $5)`,
            [d.id, f.checklistCode ?? null, (f.name ?? f.fileName).slice(0, 500), file.id, d.state !== 'SUBMITTED'],
          );
        added.push({ fileId: file.id, sha256: f.stored.sha256, checklistCode: f.checklistCode ?? null });
      }
      return { set: {}, event: 'dossier.documents_added', payload: { files: added } };
    });
  }

  /** Adds submitted documents (with an optional scanned file) to a dossier that is still open. */
  async addDocument(
    id: string,
    version: number,
    doc: { checklistCode?: string; name: string },
    upload?: UploadInput,
  ): Promise<DossierEntity> {
    const scope = await this.store.scope();
    await this.store.findScoped(this.store.dataSource.manager, id, scope);
    const file = upload ? await this.storeFile(id, 'DOCUMENT', upload) : null;
    return this.store.mutate(id, version, null, async (d, _to, m) => {
      if (['REFUSED', 'WITHDRAWN', 'RETURNED_NOT_ELIGIBLE', 'RESULT_RETURNED'].includes(d.state))
        throw new DomainException('DOSSIER_ILLEGAL_TRANSITION', `A dossier in state ${d.state} takes no more documents`);
      await m.query(
        `insert into dossier_documents (dossier_id, checklist_code, name, file_id, as_supplement) values ($1, $2, $3, $4, $5)`,
        [d.id, doc.checklistCode ?? null, doc.name, file?.id ?? null, d.state !== 'SUBMITTED'],
      );
      return {
        set: {},
        event: 'dossier.documents_added',
        payload: { checklistCode: doc.checklistCode ?? null, fileId: file?.id ?? null, sha256: file?.sha256 ?? null },
      };
    });
  }

  /** Stores the result file (decision, certificate) after the decision; `digitised`: an electronic copy with legal value. */
  async attachResult(id: string, version: number, upload: UploadInput, digitised: boolean): Promise<DossierEntity> {
    const scope = await this.store.scope();
    const current = await this.store.findScoped(this.store.dataSource.manager, id, scope);
    if (!['APPROVED', 'REJECTED', 'RESULT_READY'].includes(current.state))
      throw new DomainException('DOSSIER_ILLEGAL_TRANSITION', 'A result is attached after the decision');
    const file = await this.storeFile(id, 'RESULT', upload);
    return this.store.mutate(id, version, null, async () => ({
      set: { resultFileId: file.id, resultDigitised: digitised },
      event: 'dossier.result_attached',
      payload: { fileId: file.id, sha256: file.sha256, sizeBytes: Number(file.sizeBytes), digitised },
    }));
  }

  markResultReady(id: string, version: number): Promise<DossierEntity> {
    return this.store.mutate(id, version, 'MARK_RESULT_READY', async () => ({ set: {}, event: 'dossier.result_ready' }));
  }

  returnResult(id: string, version: number, channel: Channel): Promise<DossierEntity> {
    return this.store.mutate(id, version, 'RETURN_RESULT', async () => {
      const now = this.clock.now();
      return {
        set: { resultReturnedAt: now, resultReturnChannel: channel },
        event: 'dossier.result_returned',
        payload: { channel, returnedAt: now.toISOString() },
      };
    });
  }

  /**
   * Apology letter (văn bản xin lỗi): the agency expecting lateness sends it no later than one working day (setting)
   * before the due date, with the reason and a new appointment date; the appointment moves only once. A letter sent
   * later is still recorded, flagged `inTime: false`, so reports count it as late.
   */
  apologise(id: string, version: number, input: ApologyInput): Promise<DossierEntity> {
    return this.store.mutate(id, version, 'APOLOGISE', async (d, _to, m) => {
      if (d.appointmentMoved)
        throw new DomainException('DOSSIER_APPOINTMENT_ALREADY_MOVED', 'The appointment date was already moved once');
      if (!d.dueDate) throw new DomainException('DOSSIER_APOLOGY_DATE_INVALID', 'The dossier has no appointment date');
      if (input.newDueDate <= d.dueDate || !(await this.calendar.isWorkingDay(input.newDueDate)))
        throw new DomainException(
          'DOSSIER_APOLOGY_DATE_INVALID',
          `The new appointment date must be a working day after ${d.dueDate}`,
        );
      const today = this.clock.today();
      const ahead = await this.calendar.workingDaysBetween(today, d.dueDate);
      const inTime = ahead >= this.config.dossiers.apologyMinWorkingDaysBeforeDue;
      await m.query(
        `insert into dossier_apologies (dossier_id, reason, previous_due_date, new_due_date, sent_on, in_time, signed_by)
         values ($1, $2, $3, $4, $5, $6, $7)`,
        [d.id, input.reason, d.dueDate, input.newDueDate, today, inTime, input.signedBy],
      );
      return {
        set: { dueDate: input.newDueDate, dueAt: endOfBusinessDay(input.newDueDate), appointmentMoved: true },
        event: 'dossier.apology_sent',
        payload: { previousDueDate: d.dueDate, newDueDate: input.newDueDate, sentOn: today, inTime, reason: input.reason },
      };
    });
  }

  /** Bytes of a file of a dossier in the caller's scope; the read is audited as a personal-data view by the caller. */
  async readFile(dossierId: string, fileId: string): Promise<{ file: DossierFileEntity; content: Buffer }> {
    const scope = await this.store.scope();
    await this.store.findScoped(this.store.dataSource.manager, dossierId, scope);
    const file = await this.store.dataSource.getRepository(DossierFileEntity).findOneBy({ id: fileId, dossierId });
    if (!file) throw new DomainException('FILE_NOT_FOUND');
    await this.audit.personalDataViewed('dossier_file', file.id, [file.purpose === 'RESULT' ? 'result' : 'document']);
    return { file, content: await this.files.get(file.storageKey) };
  }
}
