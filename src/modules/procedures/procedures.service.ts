import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainException } from 'src/common/errors/domain.exception';
import { decodeCursor, encodeCursor, pageSize, type Page } from 'src/common/pagination/pagination';
import { BUSINESS_UTC_OFFSET_MINUTES } from 'src/config/business-time';
import type {
  Amount,
  OnlineMode,
  ProcedureLevel,
  ProcedureVersionRecord,
  ReceiptChannel,
  RequiredDocument,
} from 'src/modules/procedures/domain/procedure.types';
import { diffContents, type VersionDiffEntry } from 'src/modules/procedures/domain/version-diff';
import {
  mapVersionRow,
  ProcedureVersionStore,
  VERSION_FROM,
  VERSION_SELECT,
  type VersionRow,
} from 'src/modules/procedures/persistence/procedure-version.store';

/** Which versions a list shows: in force on the date, abolished by then, not yet in force, or the latest of each. */
export const CATALOG_STATUSES = ['IN_FORCE', 'ABOLISHED', 'UPCOMING', 'ALL'] as const;
export type CatalogStatus = (typeof CATALOG_STATUSES)[number];

export interface CatalogFilter {
  q?: string;
  fieldCode?: string;
  level?: ProcedureLevel;
  onlineMode?: OnlineMode;
  /** Implementing or deciding agency (agencies.id). */
  agencyId?: string;
  /** Text in the implementing/deciding agency name, diacritics ignored (seeded procedures name agencies as text). */
  agencyName?: string;
  status?: CatalogStatus;
  /** 'YYYY-MM-DD', default today (business time). */
  onDate?: string;
}

export interface CatalogPage extends Page<ProcedureVersionRecord> {
  totalCount: number;
}

/**
 * What the dossier module binds a dossier to: the version in force on the receipt date, with everything the desk
 * needs. `timeLimit` is null when the source states none (no appointment date can be computed then); its unit is
 * the source's (CALENDAR_DAYS exists: a few ministerial procedures count calendar days).
 */
export interface ProcedureVersionInForce {
  id: string;
  procedureCode: string;
  nationalCode: string | null;
  versionNo: number;
  validFrom: string | null;
  validTo: string | null;
  name: string;
  fieldCode: string;
  levels: ProcedureLevel[];
  interLevel: boolean;
  timeLimit: Amount | null;
  norm: Amount | null;
  /** Empty when the source does not state the channels (channelsStated = false). */
  channels: ReceiptChannel[];
  channelsStated: boolean;
  onlineMode: OnlineMode | null;
  pausable: boolean | null;
  extensionAllowed: boolean | null;
  documents: RequiredDocument[];
  steps: Array<{
    seq: number;
    name: string;
    role: string;
    level: ProcedureLevel | null;
    budget: Amount | null;
  }>;
}

/** Today in business time, 'YYYY-MM-DD'. */
export function businessToday(now = new Date()): string {
  return new Date(now.getTime() + BUSINESS_UTC_OFFSET_MINUTES * 60_000).toISOString().slice(0, 10);
}

/** A national code, a local code, or a provincial portal code (`1.014199.H05` → `1.014199`). */
export function catalogCode(code: string): string {
  const trimmed = code.trim().toUpperCase();
  const m = /^([0-9]\.[0-9]{6})\..+$/.exec(trimmed);
  return m ? m[1] : trimmed;
}

const IN_FORCE_ON = (p: string): string =>
  `(v.valid_from is null or v.valid_from <= ${p}::date) and (v.valid_to is null or v.valid_to > ${p}::date)`;

/**
 * The procedure catalog, read side: the version in force on a date, search, history and differences between
 * versions. Writes go through ProcedureDecisionsService only.
 */
@Injectable()
export class ProceduresService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: ProcedureVersionStore,
  ) {}

  /**
   * The version of `procedureCode` in force on `onDate` ('YYYY-MM-DD'), or undefined when none is (unknown code,
   * abolished, or not yet in force). Dossiers store the returned `id` (procedure_versions.id).
   */
  async versionInForce(procedureCode: string, onDate: string): Promise<ProcedureVersionInForce | undefined> {
    const version = await this.findInForce(procedureCode, onDate);
    return version ? toInForceView(version) : undefined;
  }

  /** The full version in force on a date (default today); throws PROCEDURE_NOT_FOUND / PROCEDURE_NOT_IN_FORCE. */
  async getInForce(code: string, onDate?: string): Promise<ProcedureVersionRecord> {
    const date = onDate ?? businessToday();
    const version = await this.findInForce(code, date);
    if (version) return version;
    await this.procedureId(code);
    throw new DomainException(
      'PROCEDURE_NOT_IN_FORCE',
      `Procedure ${catalogCode(code)} is not in force on ${date}`,
    );
  }

  /** One version by its id (the id a dossier stores). */
  async getVersion(versionId: string, manager?: EntityManager): Promise<ProcedureVersionRecord> {
    const m = manager ?? this.dataSource.manager;
    const rows = await m.query<VersionRow[]>(
      `select ${VERSION_SELECT} from ${VERSION_FROM} where v.id = $1`,
      [versionId],
    );
    if (!rows[0]) throw new DomainException('PROCEDURE_VERSION_NOT_FOUND');
    const [version] = await this.store.loadParts(m, [mapVersionRow(rows[0])]);
    return version;
  }

  /**
   * Many versions by id in one round of queries, in no particular order (for DataLoaders: dossiers list the code and
   * name of their bound versions). Unknown ids are left out. `withParts` adds documents, fees, steps, legal bases.
   */
  async versionsByIds(ids: readonly string[], withParts = false): Promise<ProcedureVersionRecord[]> {
    const valid = ids.filter((id) =>
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id),
    );
    if (valid.length === 0) return [];
    const rows = await this.dataSource.query<VersionRow[]>(
      `select ${VERSION_SELECT} from ${VERSION_FROM} where v.id = any($1::uuid[])`,
      [valid],
    );
    const versions = rows.map(mapVersionRow);
    return withParts ? this.store.loadParts(this.dataSource.manager, versions) : versions;
  }

  /** Every version of a procedure, oldest first, with documents, fees, steps and legal bases. */
  async history(code: string): Promise<ProcedureVersionRecord[]> {
    const id = await this.procedureId(code);
    const rows = await this.dataSource.query<VersionRow[]>(
      `select ${VERSION_SELECT} from ${VERSION_FROM} where v.procedure_id = $1 order by v.version_no`,
      [id],
    );
    return this.store.loadParts(this.dataSource.manager, rows.map(mapVersionRow));
  }

  /** What changed between two versions of a procedure (default: the one before the latest → the latest). */
  async diff(
    code: string,
    fromVersionNo?: number,
    toVersionNo?: number,
  ): Promise<{ from: ProcedureVersionRecord; to: ProcedureVersionRecord; changes: VersionDiffEntry[] }> {
    const versions = await this.history(code);
    const to = versions.find((v) => v.versionNo === (toVersionNo ?? versions.at(-1)?.versionNo));
    const from = versions.find((v) => v.versionNo === (fromVersionNo ?? (to ? to.versionNo - 1 : 0)));
    if (!from || !to)
      throw new DomainException(
        'PROCEDURE_VERSION_NOT_FOUND',
        `Procedure ${catalogCode(code)} has no such versions`,
        {
          versions: versions.map((v) => v.versionNo),
        },
      );
    return { from, to, changes: diffContents(from, to) };
  }

  /**
   * Catalog list and search. `q` ignores Vietnamese diacritics (vn_search_key) and tolerates typos (pg_trgm word
   * similarity on the GIN trigram index); exact substring matches rank first. Page cursors are offsets.
   */
  async list(filter: CatalogFilter, first?: number, after?: string, withParts = false): Promise<CatalogPage> {
    const limit = pageSize(first);
    const offset = after ? Number(decodeCursor(after)?.k) : 0;
    if (!Number.isInteger(offset) || offset < 0)
      throw new DomainException('BAD_REQUEST', 'The cursor is not valid');
    const params: unknown[] = [filter.onDate ?? businessToday()];
    const where: string[] = [];
    const status = filter.status ?? 'IN_FORCE';
    if (status === 'IN_FORCE') where.push(IN_FORCE_ON('$1'));
    else if (status === 'UPCOMING') where.push(`v.valid_from > $1::date`);
    else {
      where.push(`not exists (select 1 from procedure_versions v2
        where v2.procedure_id = v.procedure_id and v2.version_no > v.version_no)`);
      if (status === 'ABOLISHED') where.push(`p.abolished_on <= $1::date`);
    }
    const add = (sql: (p: string) => string, value: unknown): void => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (filter.fieldCode) add((p) => `v.field_code = ${p}`, filter.fieldCode);
    if (filter.level) add((p) => `${p} = any(v.levels)`, filter.level);
    if (filter.onlineMode) add((p) => `v.online_mode = ${p}`, filter.onlineMode);
    if (filter.agencyId)
      add(
        (p) => `(v.implementing_agency_id = ${p}::uuid or v.deciding_agency_id = ${p}::uuid)`,
        filter.agencyId,
      );
    if (filter.agencyName)
      add(
        (
          p,
        ) => `(vn_search_key(coalesce(v.implementing_agency_name, '') || ' ' || coalesce(v.deciding_agency_name, ''))
          like '%' || vn_search_key(${p}) || '%')`,
        filter.agencyName,
      );
    let rank = '';
    const q = filter.q?.trim();
    if (q) {
      params.push(q);
      const k = `vn_search_key($${params.length})`;
      where.push(`(vn_search_key(v.name) like '%' || ${k} || '%' or ${k} <% vn_search_key(v.name)
        or p.code like upper($${params.length}) || '%' or v.portal_code like upper($${params.length}) || '%')`);
      rank = `(case when vn_search_key(v.name) like '%' || ${k} || '%' or p.code like upper($${params.length}) || '%'
        then 1 else 0 end) + word_similarity(${k}, vn_search_key(v.name)) desc,`;
    }
    params.push(limit + 1, offset);
    const sql = `select ${VERSION_SELECT}, count(*) over () as total_count from ${VERSION_FROM}
      where ${where.join(' and ')}
      order by ${rank} p.code, v.version_no
      limit $${params.length - 1} offset $${params.length}`;
    const rows = await this.dataSource.transaction(async (m) => {
      // Typo tolerance: one wrong or missing letter in a short Vietnamese word costs several trigrams.
      await m.query(`select set_config('pg_trgm.word_similarity_threshold', '0.5', true)`);
      return m.query<Array<VersionRow & { total_count: string }>>(sql, params);
    });
    const page = rows.slice(0, limit).map(mapVersionRow);
    if (withParts) await this.store.loadParts(this.dataSource.manager, page);
    return {
      items: page,
      totalCount: rows[0] ? Number(rows[0].total_count) : 0,
      nextCursor: rows.length > limit ? encodeCursor({ k: offset + limit, id: 'offset' }) : null,
    };
  }

  /** The procedure's row id; throws PROCEDURE_NOT_FOUND. */
  private async procedureId(code: string): Promise<string> {
    const [row] = await this.dataSource.query<Array<{ id: string }>>(
      `select id from procedures where code = $1`,
      [catalogCode(code)],
    );
    if (!row) throw new DomainException('PROCEDURE_NOT_FOUND', `No procedure with code ${catalogCode(code)}`);
    return row.id;
  }

  private async findInForce(code: string, onDate: string): Promise<ProcedureVersionRecord | undefined> {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(onDate)) throw new DomainException('BAD_REQUEST', 'Dates are YYYY-MM-DD');
    const rows = await this.dataSource.query<VersionRow[]>(
      `select ${VERSION_SELECT} from ${VERSION_FROM} where p.code = $2 and ${IN_FORCE_ON('$1')}`,
      [onDate, catalogCode(code)],
    );
    if (!rows[0]) return undefined;
    const [version] = await this.store.loadParts(this.dataSource.manager, [mapVersionRow(rows[0])]);
    return version;
  }
}

function toInForceView(v: ProcedureVersionRecord): ProcedureVersionInForce {
  return {
    id: v.id,
    procedureCode: v.code,
    nationalCode: v.nationalCode ?? null,
    versionNo: v.versionNo,
    validFrom: v.validFrom,
    validTo: v.validTo,
    name: v.name,
    fieldCode: v.fieldCode,
    levels: v.levels,
    interLevel: v.interLevel,
    timeLimit: v.timeLimit ?? null,
    norm: v.norm ?? null,
    channels: v.channels ?? [],
    channelsStated: v.channels !== null && v.channels !== undefined,
    onlineMode: v.onlineMode ?? null,
    pausable: v.pausable ?? null,
    extensionAllowed: v.extensionAllowed ?? null,
    documents: v.documents,
    steps: v.steps.map((s, i) => ({
      seq: i + 1,
      name: s.name,
      role: s.role,
      level: s.level ?? null,
      budget: s.budget ?? null,
    })),
  };
}
