import { Injectable, Logger } from '@nestjs/common';
import sharp from 'sharp';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainException } from 'src/common/errors/domain.exception';
import { FileStore, sha256 } from 'src/common/storage/file-store';
import { entryMismatches, pdfPageCount, type EntryData } from 'src/modules/digitisation/digitisation-entry';
import { withoutEnteredValues } from 'src/modules/digitisation/digitisation-personal-data';
import { AccessScopeService, scopeParam } from 'src/modules/organisation/units/access-scope.service';
import type { Actor } from 'src/common/context/request-context';
import { QueueService } from 'src/queue/queue.service';

export type FileState = 'REGISTERED' | 'SCANNED' | 'ENTERED' | 'VERIFIED' | 'LINKED' | 'DONE';
export const SCAN_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/tiff'] as const;

export interface ArchiveFile {
  id: string;
  project_id: string;
  box_id: string;
  archive_code: string;
  state: FileState;
  page_count: number;
  data: EntryData | null;
  entry_mismatches: string[];
  verified_by: string | null;
  returned_count: number;
  return_reason: string | null;
  person_id: string | null;
  household_id: string | null;
  version: number;
}

/**
 * Digitisation of paper archives. A file goes REGISTERED → SCANNED (scans stored, checksum verified before the
 * upload is acknowledged) → ENTERED (two clerks typed the critical fields identically) → VERIFIED (a third officer,
 * four eyes; a disagreement sends it back to SCANNED with the entries cleared) → LINKED (registry person found by
 * the dedup rules, or created) → DONE. Every step is an event, from which progress and quality are computed.
 */
@Injectable()
export class DigitisationService {
  private readonly logger = new Logger('Digitisation');

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: FileStore,
    private readonly queues: QueueService,
    private readonly scopes: AccessScopeService,
  ) {}

  /**
   * A project is visible to callers whose administrative scope covers its unit (a project without a unit only to
   * callers with the whole scope). Out of scope reads as not found, so existence does not leak.
   */
  async assertProjectVisible(actor: Actor | undefined, projectId: string): Promise<void> {
    const scope = scopeParam(await this.scopes.unitScope(actor));
    const rows = await this.dataSource.query<Array<{ id: string }>>(
      `select id from digitisation_projects where id = $1 and ($2::uuid[] is null or unit_id = any($2::uuid[]))`,
      [projectId, scope],
    );
    if (rows.length === 0) throw new DomainException('DIGITISATION_PROJECT_NOT_FOUND');
  }

  async assertFileVisible(actor: Actor | undefined, fileId: string): Promise<void> {
    const scope = scopeParam(await this.scopes.unitScope(actor));
    const rows = await this.dataSource.query<Array<{ id: string }>>(
      `select f.id from digitisation_files f join digitisation_projects p on p.id = f.project_id
        where f.id = $1 and ($2::uuid[] is null or p.unit_id = any($2::uuid[]))`,
      [fileId, scope],
    );
    if (rows.length === 0) throw new DomainException('DIGITISATION_FILE_NOT_FOUND');
  }

  async assertUnitAllowed(actor: Actor | undefined, unitId: string | undefined): Promise<void> {
    const scope = await this.scopes.unitScope(actor);
    if (scope.all) return;
    if (!unitId || !scope.unitIds.includes(unitId)) throw new DomainException('OUT_OF_SCOPE');
  }

  async createProject(input: { code: string; name: string; unitId?: string | null }, actor: string): Promise<{ id: string }> {
    const [row] = await this.dataSource.query<Array<{ id: string }>>(
      `insert into digitisation_projects (code, name, unit_id, created_by) values ($1, $2, $3, $4) returning id`,
      [input.code, input.name, input.unitId ?? null, actor],
    );
    return row;
  }

  async registerFile(projectId: string, boxCode: string, archiveCode: string, actor: string): Promise<ArchiveFile> {
    return this.dataSource.transaction(async (m) => {
      const [project] = await m.query<Array<{ id: string }>>(`select id from digitisation_projects where id = $1`, [projectId]);
      if (!project) throw new DomainException('DIGITISATION_PROJECT_NOT_FOUND');
      const [box] = await m.query<Array<{ id: string }>>(
        `insert into digitisation_boxes (project_id, code) values ($1, $2)
         on conflict (project_id, code) do update set code = excluded.code returning id`,
        [projectId, boxCode],
      );
      const [file] = await m.query<ArchiveFile[]>(
        `insert into digitisation_files (project_id, box_id, archive_code) values ($1, $2, $3) returning *`,
        [projectId, box.id, archiveCode],
      );
      await this.event(m, file, 'REGISTERED', actor);
      return file;
    });
  }

  async get(fileId: string): Promise<ArchiveFile & { scans: unknown[]; entries: unknown[] }> {
    type Rows = Array<Record<string, unknown>>;
    const [file] = await this.dataSource.query<ArchiveFile[]>(`select * from digitisation_files where id = $1`, [fileId]);
    if (!file) throw new DomainException('DIGITISATION_FILE_NOT_FOUND');
    const scans = await this.dataSource.query<Rows>(
      `select id, sha256, size_bytes, content_type, page_count, thumbnail_state, thumbnail_error, uploaded_by, uploaded_at
         from digitisation_scans where file_id = $1 order by uploaded_at`,
      [fileId],
    );
    const entries = await this.dataSource.query<Rows>(
      `select clerk, data, created_at from digitisation_entries where file_id = $1 and superseded_at is null
        order by created_at`,
      [fileId],
    );
    return { ...file, scans, entries };
  }

  /**
   * Stores a scan, reads it back and compares its SHA-256 with the one the client declared before anything is
   * recorded: the upload is acknowledged only for bytes that are verifiably stored.
   */
  async addScan(
    fileId: string,
    content: Buffer,
    contentType: string,
    declaredSha256: string,
    actor: string,
  ): Promise<{ scanId: string; pageCount: number }> {
    if (!(SCAN_TYPES as readonly string[]).includes(contentType)) throw new DomainException('FILE_TYPE_NOT_ALLOWED');
    const file = await this.load(fileId);
    if (file.state !== 'REGISTERED' && file.state !== 'SCANNED')
      throw new DomainException('DIGITISATION_ILLEGAL_TRANSITION', `Scans are added before data entry (${file.state})`);
    const declared = declaredSha256.toLowerCase();
    if (sha256(content) !== declared)
      throw new DomainException('DIGITISATION_CHECKSUM_MISMATCH', 'The received bytes do not match the declared SHA-256');
    const stored = await this.store.put('digitisation', content);
    const readBack = sha256(await this.store.get(stored.key));
    if (stored.sha256 !== declared || readBack !== declared)
      throw new DomainException('DIGITISATION_CHECKSUM_MISMATCH', 'The stored scan does not match its checksum');
    const pageCount = await pagesOf(content, contentType);
    const scanId = await this.dataSource.transaction(async (m) => {
      const [scan] = await m.query<Array<{ id: string }>>(
        `insert into digitisation_scans (file_id, store_key, sha256, size_bytes, content_type, page_count, uploaded_by)
         values ($1, $2, $3, $4, $5, $6, $7) returning id`,
        [fileId, stored.key, declared, content.length, contentType, pageCount, actor],
      );
      await m.query(
        `update digitisation_files set state = 'SCANNED', page_count = page_count + $2, updated_at = now(),
                version = version + 1 where id = $1`,
        [fileId, pageCount],
      );
      await this.event(m, file, 'SCANNED', actor, null, { pages: pageCount });
      return scan.id;
    });
    await this.queues
      .add('digitisation.thumbnail', { scanId }, { jobId: `digitisation-thumbnail-${scanId}` })
      .catch(() => this.logger.warn({ scanId }, 'thumbnail job not enqueued; it can be re-run'));
    return { scanId, pageCount };
  }

  async scanContent(fileId: string, scanId: string): Promise<{ content: Buffer; contentType: string; sha256: string }> {
    const [scan] = await this.dataSource.query<Array<{ store_key: string; content_type: string; sha256: string }>>(
      `select store_key, content_type, sha256 from digitisation_scans where id = $1 and file_id = $2`,
      [scanId, fileId],
    );
    if (!scan) throw new DomainException('FILE_NOT_FOUND');
    return { content: await this.store.get(scan.store_key), contentType: scan.content_type, sha256: scan.sha256 };
  }

  /**
   * A clerk's entry (replacing the clerk's previous one). With two clerks' entries present, the critical fields are
   * compared: equal → ENTERED; different → the mismatching fields are flagged and the file waits for a correction.
   * The comparison is on the full stored values (responses mask the CCCD; see digitisation-personal-data.ts).
   */
  async submitEntry(fileId: string, clerk: string, data: EntryData): Promise<ArchiveFile> {
    return withoutEnteredValues(() => this.dataSource.transaction(async (m) => {
      const file = await this.load(fileId, m);
      if (file.state !== 'SCANNED')
        throw new DomainException('DIGITISATION_ILLEGAL_TRANSITION', `Data entry needs a scanned file (${file.state})`);
      const current = await m.query<Array<{ clerk: string; data: EntryData }>>(
        `select clerk, data from digitisation_entries where file_id = $1 and superseded_at is null order by created_at`,
        [fileId],
      );
      const others = current.filter((e) => e.clerk !== clerk);
      if (others.length >= 2)
        throw new DomainException('DIGITISATION_SAME_OFFICER', 'Two clerks already entered this file; one of them corrects');
      await m.query(
        `update digitisation_entries set superseded_at = now() where file_id = $1 and clerk = $2 and superseded_at is null`,
        [fileId, clerk],
      );
      await m.query(`insert into digitisation_entries (file_id, clerk, data) values ($1, $2, $3)`, [fileId, clerk, data]);
      await this.event(m, file, 'ENTRY', clerk, clerk);
      if (others.length === 0) return this.load(fileId, m);
      const first = others[0];
      const mismatches = entryMismatches(first.data, data);
      if (mismatches.length > 0) {
        await m.query(
          `update digitisation_files set entry_mismatches = $2, updated_at = now(), version = version + 1 where id = $1`,
          [fileId, mismatches],
        );
        await this.event(m, file, 'ENTRY_MISMATCH', clerk, clerk, { fields: mismatches });
        return this.load(fileId, m);
      }
      await m.query(
        `update digitisation_files set state = 'ENTERED', data = $2, entry_mismatches = '{}', updated_at = now(),
                version = version + 1 where id = $1`,
        [fileId, { ...first.data, ...pickCritical(data) }],
      );
      await this.event(m, file, 'ENTERED', clerk);
      return this.load(fileId, m);
    }));
  }

  /** Four eyes: the verifier is neither entry clerk. Disagreement returns the file to data entry, entries cleared. */
  async verify(fileId: string, verifier: string, decision: { agree: boolean; reason?: string }): Promise<ArchiveFile> {
    return this.dataSource.transaction(async (m) => {
      const file = await this.load(fileId, m);
      if (file.state !== 'ENTERED')
        throw new DomainException('DIGITISATION_ILLEGAL_TRANSITION', `Verification needs entered data (${file.state})`);
      const clerks = (
        await m.query<Array<{ clerk: string }>>(
          `select clerk from digitisation_entries where file_id = $1 and superseded_at is null`,
          [fileId],
        )
      ).map((e) => e.clerk);
      if (clerks.includes(verifier))
        throw new DomainException('DIGITISATION_SAME_OFFICER', 'A clerk who entered the file cannot verify it');
      if (decision.agree) {
        await m.query(
          `update digitisation_files set state = 'VERIFIED', verified_by = $2, updated_at = now(), version = version + 1
            where id = $1`,
          [fileId, verifier],
        );
        for (const c of clerks) await this.event(m, file, 'VERIFIED', verifier, c);
      } else {
        await m.query(
          `update digitisation_entries set superseded_at = now() where file_id = $1 and superseded_at is null`,
          [fileId],
        );
        await m.query(
          `update digitisation_files set state = 'SCANNED', data = null, returned_count = returned_count + 1,
                  return_reason = $2, updated_at = now(), version = version + 1 where id = $1`,
          [fileId, decision.reason ?? null],
        );
        for (const c of clerks) await this.event(m, file, 'RETURNED', verifier, c, { reason: decision.reason ?? null });
      }
      return this.load(fileId, m);
    });
  }

  /**
   * Links the verified file to the registry person it documents, with the registry's dedup rules: an explicit
   * person; else the person with the same CCCD; else the one person with the same name (diacritics-insensitive)
   * and birth year; several candidates → DIGITISATION_LINK_AMBIGUOUS (never a silent pick); none → a new person.
   */
  async link(fileId: string, actor: string, personId?: string): Promise<ArchiveFile> {
    return withoutEnteredValues(() => this.dataSource.transaction(async (m) => {
      const file = await this.load(fileId, m);
      if (file.state !== 'VERIFIED' || !file.data)
        throw new DomainException('DIGITISATION_ILLEGAL_TRANSITION', `Linking needs a verified file (${file.state})`);
      const d = file.data;
      const birthYear = Number(d.birth.slice(0, 4));
      let target = personId ?? null;
      if (!target && d.cccd) {
        const [p] = await m.query<Array<{ id: string }>>(
          `select id from registry_people where cccd = $1 and merged_into_id is null`,
          [d.cccd],
        );
        target = p?.id ?? null;
      }
      if (!target) {
        const candidates = await m.query<Array<{ id: string }>>(
          `select id from registry_people where merged_into_id is null and birth_year = $2
              and vn_search_key(full_name) = vn_search_key($1) and ($3::text is null or cccd is null) limit 3`,
          [d.fullName, birthYear, d.cccd ?? null],
        );
        if (candidates.length > 1) throw new DomainException('DIGITISATION_LINK_AMBIGUOUS');
        target = candidates[0]?.id ?? null;
      }
      if (!target) {
        const [created] = await m.query<Array<{ id: string }>>(
          `insert into registry_people (cccd, full_name, birth_year, birth_date, gender, address, source, source_ref,
                                        created_by)
           values ($1, $2, $3, $4, $5, $6, 'DIGITISATION', $7, $8) returning id`,
          [
            d.cccd ?? null,
            d.fullName,
            birthYear,
            d.birth.length === 10 ? d.birth : null,
            d.gender,
            d.address ?? null,
            file.archive_code,
            actor,
          ],
        );
        target = created.id;
      }
      await m.query(
        `update digitisation_files set state = 'LINKED', person_id = $2, updated_at = now(), version = version + 1
          where id = $1`,
        [fileId, target],
      );
      await this.event(m, file, 'LINKED', actor, null, { personId: target });
      return this.load(fileId, m);
    }));
  }

  async complete(fileId: string, actor: string): Promise<ArchiveFile> {
    return this.dataSource.transaction(async (m) => {
      const file = await this.load(fileId, m);
      if (file.state !== 'LINKED')
        throw new DomainException('DIGITISATION_ILLEGAL_TRANSITION', `Only a linked file is done (${file.state})`);
      await m.query(
        `update digitisation_files set state = 'DONE', updated_at = now(), version = version + 1 where id = $1`,
        [fileId],
      );
      await this.event(m, file, 'DONE', actor);
      return this.load(fileId, m);
    });
  }

  private async load(fileId: string, m: EntityManager = this.dataSource.manager): Promise<ArchiveFile> {
    const [file] = await m.query<ArchiveFile[]>(`select * from digitisation_files where id = $1 for update`, [fileId]);
    if (!file) throw new DomainException('DIGITISATION_FILE_NOT_FOUND');
    return file;
  }

  private async event(
    m: EntityManager,
    file: Pick<ArchiveFile, 'id' | 'project_id' | 'box_id'>,
    kind: string,
    actor: string,
    clerk: string | null = null,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    await m.query(
      `insert into digitisation_events (file_id, project_id, box_id, kind, actor, clerk, details)
       values ($1, $2, $3, $4, $5, $6, $7)`,
      [file.id, file.project_id, file.box_id, kind, actor, clerk, details],
    );
  }
}

function pickCritical(d: EntryData): Partial<EntryData> {
  return { cccd: d.cccd ?? null, injuryRate: d.injuryRate ?? null, decisionNumber: d.decisionNumber ?? null };
}

async function pagesOf(content: Buffer, contentType: string): Promise<number> {
  if (contentType === 'application/pdf') return pdfPageCount(content);
  if (contentType === 'image/tiff') return (await sharp(content).metadata()).pages ?? 1;
  return 1;
}
