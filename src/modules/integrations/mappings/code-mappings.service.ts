import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainException } from 'src/common/errors/domain.exception';
import { AuditService } from 'src/modules/audit/audit.service';

export type MappingKind = 'status' | 'procedure';

export interface StatusMapping {
  id: string;
  portal: string;
  internalState: string;
  portalCode: string;
  note: string | null;
  updatedAt: Date;
}

export interface ProcedureMapping {
  id: string;
  portal: string;
  portalCode: string;
  catalogCode: string;
  note: string | null;
  updatedAt: Date;
}

const STATUS_COLS = `id, portal, internal_state as "internalState", portal_code as "portalCode", note, updated_at as "updatedAt"`;
const PROC_COLS = `id, portal, portal_code as "portalCode", catalog_code as "catalogCode", note, updated_at as "updatedAt"`;

/**
 * The code tables admins edit (not code): internal dossier states ↔ a portal's status codes, and a portal's
 * procedure codes → catalog procedure codes. Read on every integration request (small indexed tables, no cache,
 * so an edit applies to the next request).
 */
@Injectable()
export class CodeMappingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  listStatus(portal?: string): Promise<StatusMapping[]> {
    return this.dataSource.query(
      `select ${STATUS_COLS} from portal_status_mappings where ($1::text is null or portal = $1)
        order by portal, internal_state limit 1000`,
      [portal ?? null],
    );
  }

  listProcedures(portal?: string): Promise<ProcedureMapping[]> {
    return this.dataSource.query(
      `select ${PROC_COLS} from portal_procedure_mappings where ($1::text is null or portal = $1)
        order by portal, portal_code limit 1000`,
      [portal ?? null],
    );
  }

  /** Creates or replaces the portal code of one internal state. */
  async putStatus(input: { portal: string; internalState: string; portalCode: string; note?: string }): Promise<StatusMapping> {
    return this.dataSource.transaction(async (m) => {
      const [row] = await m.query<StatusMapping[]>(
        `insert into portal_status_mappings as s (portal, internal_state, portal_code, note) values ($1, $2, $3, $4)
         on conflict (portal, internal_state) do update set portal_code = excluded.portal_code, note = excluded.note,
           updated_at = now()
         returning ${STATUS_COLS}`,
        [input.portal, input.internalState, input.portalCode, input.note ?? null],
      );
      await this.audit.record({ action: 'UPSERT', entityType: 'portal_status_mapping', entityId: row.id, after: { ...row } }, m);
      return row;
    });
  }

  async putProcedure(input: { portal: string; portalCode: string; catalogCode: string; note?: string }): Promise<ProcedureMapping> {
    return this.dataSource.transaction(async (m) => {
      const [row] = await m.query<ProcedureMapping[]>(
        `insert into portal_procedure_mappings as p (portal, portal_code, catalog_code, note) values ($1, $2, $3, $4)
         on conflict (portal, portal_code) do update set catalog_code = excluded.catalog_code, note = excluded.note,
           updated_at = now()
         returning ${PROC_COLS}`,
        [input.portal, input.portalCode, input.catalogCode, input.note ?? null],
      );
      await this.audit.record({ action: 'UPSERT', entityType: 'portal_procedure_mapping', entityId: row.id, after: { ...row } }, m);
      return row;
    });
  }

  async remove(kind: MappingKind, id: string): Promise<void> {
    const table = kind === 'status' ? 'portal_status_mappings' : 'portal_procedure_mappings';
    await this.dataSource.transaction(async (m) => {
      const [rows] = await m.query<[Array<Record<string, unknown>>, number]>(
        `delete from ${table} where id = $1 returning *`,
        [id],
      );
      if (!rows[0]) throw new DomainException('INTEGRATION_MAPPING_NOT_FOUND');
      await this.audit.record({ action: 'DELETE', entityType: table.slice(0, -1), entityId: id, before: rows[0] }, m);
    });
  }

  /** state → portal code for one portal (states without a row are absent). */
  async statusMap(portal: string): Promise<Map<string, string>> {
    const rows = await this.dataSource.query<Array<{ internal_state: string; portal_code: string }>>(
      `select internal_state, portal_code from portal_status_mappings where portal = $1`,
      [portal],
    );
    return new Map(rows.map((r) => [r.internal_state, r.portal_code]));
  }

  /** The catalog code of a portal procedure code; a code without a mapping is taken as a catalog code itself. */
  async catalogCode(portal: string, portalCode: string): Promise<string> {
    const [row] = await this.dataSource.query<Array<{ catalog_code: string }>>(
      `select catalog_code from portal_procedure_mappings where portal = $1 and portal_code = $2`,
      [portal, portalCode],
    );
    if (row) return row.catalog_code;
    if (/^[0-9A-Z.-]{1,60}$/.test(portalCode)) return portalCode;
    throw new DomainException('INTEGRATION_PROCEDURE_UNMAPPED', `No mapping for portal procedure ${portalCode}`);
  }
}
