import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from 'src/common/context/request-context';
import { decodeCursor, encodeCursor, pageSize, type Page } from 'src/common/pagination/pagination';
import { AccessScopeService, scopeParam } from 'src/modules/organisation/units/access-scope.service';
import type { ArchiveFile, FileState } from 'src/modules/digitisation/digitisation.service';

export interface ProjectRow {
  id: string;
  code: string;
  name: string;
  unit_id: string | null;
  created_by: string;
  created_at: Date;
}

export interface BoxRow {
  id: string;
  project_id: string;
  code: string;
  created_at: Date;
  files: number;
  done: number;
}

export type FileRow = ArchiveFile & { created_at: Date; updated_at: Date };

/**
 * Lists of projects, boxes and files for the caller: the caller's unit scope is IN the SQL (a project's unit; a
 * project without a unit only for the whole scope), keyset pagination on the code (unique within its parent).
 */
@Injectable()
export class DigitisationQueriesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scopes: AccessScopeService,
  ) {}

  async projects(actor: Actor | undefined, first?: number, after?: string): Promise<Page<ProjectRow>> {
    const scope = scopeParam(await this.scopes.unitScope(actor));
    const limit = pageSize(first);
    const cursor = decodeCursor(after);
    const rows = await this.dataSource.query<ProjectRow[]>(
      `select id, code, name, unit_id, created_by, created_at from digitisation_projects
        where ($1::uuid[] is null or unit_id = any($1::uuid[]))
          and ($2::text is null or (code collate "C", id) > ($2::text collate "C", $3::uuid))
        order by code collate "C", id limit $4`,
      [scope, cursor ? String(cursor.k) : null, cursor?.id ?? null, limit + 1],
    );
    return page(rows, limit, (r) => r.code);
  }

  async project(actor: Actor | undefined, projectId: string): Promise<ProjectRow | null> {
    const scope = scopeParam(await this.scopes.unitScope(actor));
    const [row] = await this.dataSource.query<ProjectRow[]>(
      `select id, code, name, unit_id, created_by, created_at from digitisation_projects
        where id = $1 and ($2::uuid[] is null or unit_id = any($2::uuid[]))`,
      [projectId, scope],
    );
    return row ?? null;
  }

  async boxes(actor: Actor | undefined, projectId: string, first?: number, after?: string): Promise<Page<BoxRow>> {
    const scope = scopeParam(await this.scopes.unitScope(actor));
    const limit = pageSize(first);
    const cursor = decodeCursor(after);
    const rows = await this.dataSource.query<BoxRow[]>(
      `select b.id, b.project_id, b.code, b.created_at,
              (select count(*)::int from digitisation_files f where f.box_id = b.id) as files,
              (select count(*)::int from digitisation_files f where f.box_id = b.id and f.state = 'DONE') as done
         from digitisation_boxes b join digitisation_projects p on p.id = b.project_id
        where b.project_id = $1 and ($2::uuid[] is null or p.unit_id = any($2::uuid[]))
          and ($3::text is null or (b.code collate "C", b.id) > ($3::text collate "C", $4::uuid))
        order by b.code collate "C", b.id limit $5`,
      [projectId, scope, cursor ? String(cursor.k) : null, cursor?.id ?? null, limit + 1],
    );
    return page(rows, limit, (r) => r.code);
  }

  async files(
    actor: Actor | undefined,
    filter: { projectId: string; boxId?: string; state?: FileState },
    first?: number,
    after?: string,
  ): Promise<Page<FileRow>> {
    const scope = scopeParam(await this.scopes.unitScope(actor));
    const limit = pageSize(first);
    const cursor = decodeCursor(after);
    const rows = await this.dataSource.query<FileRow[]>(
      `select f.* from digitisation_files f join digitisation_projects p on p.id = f.project_id
        where f.project_id = $1 and ($2::uuid[] is null or p.unit_id = any($2::uuid[]))
          and ($3::uuid is null or f.box_id = $3::uuid) and ($4::text is null or f.state = $4::text)
          and ($5::text is null or (f.archive_code collate "C", f.id) > ($5::text collate "C", $6::uuid))
        order by f.archive_code collate "C", f.id limit $7`,
      [
        filter.projectId,
        scope,
        filter.boxId ?? null,
        filter.state ?? null,
        cursor ? String(cursor.k) : null,
        cursor?.id ?? null,
        limit + 1,
      ],
    );
    return page(rows, limit, (r) => r.archive_code);
  }
}

function page<T extends { id: string }>(rows: T[], limit: number, key: (r: T) => string): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor({ k: key(last), id: last.id }) : null };
}
