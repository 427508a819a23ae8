import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  DecisionAction,
  FeePolicy,
  OnlineMode,
  ProcedureContent,
  ProcedureLevel,
  ProcedureVersionRecord,
  ReceiptChannel,
  RegistrySource,
  ResultKind,
  TimeUnit,
} from 'src/modules/procedures/domain/procedure.types';

/** Columns of a version row joined with its procedure, field and decision (the select list of every read). */
export const VERSION_SELECT = `
  v.id, v.procedure_id, v.version_no, v.decision_id, v.change_kind, v.valid_from::text as valid_from,
  v.valid_to::text as valid_to, v.portal_code, v.name, v.field_code, v.field_text, f.name as field_name, v.levels,
  v.level_text, v.inter_level, v.implementing_agency_id, v.implementing_agency_name, v.deciding_agency_id,
  v.deciding_agency_name, v.time_limit_amount::float8 as time_limit_amount, v.time_limit_unit, v.time_limit_text,
  v.norm_amount::float8 as norm_amount, v.norm_unit, v.channels, v.online_mode, v.legacy_online_level, v.fee_policy,
  v.fee_text, v.result_kind, v.result_text, v.pausable, v.extension_allowed, v.province, v.notes, v.unconfirmed,
  v.source, p.code, p.national_code, p.abolished_on::text as abolished_on, d.number as decision_number`;

export const VERSION_FROM = `
  procedure_versions v
  join procedures p on p.id = v.procedure_id
  join procedure_fields f on f.code = v.field_code
  join procedure_decisions d on d.id = v.decision_id`;

export interface VersionRow {
  id: string;
  procedure_id: string;
  version_no: number;
  decision_id: string;
  change_kind: string;
  valid_from: string | null;
  valid_to: string | null;
  portal_code: string | null;
  name: string;
  field_code: string;
  field_text: string | null;
  field_name: string;
  levels: string[];
  level_text: string | null;
  inter_level: boolean;
  implementing_agency_id: string | null;
  implementing_agency_name: string | null;
  deciding_agency_id: string | null;
  deciding_agency_name: string | null;
  time_limit_amount: number | null;
  time_limit_unit: string | null;
  time_limit_text: string | null;
  norm_amount: number | null;
  norm_unit: string | null;
  channels: string[] | null;
  online_mode: string | null;
  legacy_online_level: number | null;
  fee_policy: string | null;
  fee_text: string | null;
  result_kind: string | null;
  result_text: string | null;
  pausable: boolean | null;
  extension_allowed: boolean | null;
  province: string | null;
  notes: string | null;
  unconfirmed: boolean;
  source: Record<string, unknown> | null;
  code: string;
  national_code: string | null;
  abolished_on: string | null;
  decision_number: string | null;
}

/** A version row without its documents, fees, steps and legal bases (lists and search results). */
export function mapVersionRow(r: VersionRow): ProcedureVersionRecord {
  return {
    id: r.id,
    procedureId: r.procedure_id,
    versionNo: r.version_no,
    decisionId: r.decision_id,
    decisionNumber: r.decision_number,
    changeKind: r.change_kind as Exclude<DecisionAction, 'ABOLISHED'>,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    abolishedOn: r.abolished_on,
    code: r.code,
    nationalCode: r.national_code,
    portalCode: r.portal_code,
    name: r.name,
    fieldCode: r.field_code,
    fieldName: r.field_name,
    fieldText: r.field_text,
    levels: r.levels as ProcedureLevel[],
    levelText: r.level_text,
    interLevel: r.inter_level,
    implementingAgencyId: r.implementing_agency_id,
    implementingAgencyName: r.implementing_agency_name,
    decidingAgencyId: r.deciding_agency_id,
    decidingAgencyName: r.deciding_agency_name,
    timeLimit:
      r.time_limit_amount === null
        ? null
        : { amount: r.time_limit_amount, unit: r.time_limit_unit as TimeUnit },
    timeLimitText: r.time_limit_text,
    norm: r.norm_amount === null ? null : { amount: r.norm_amount, unit: r.norm_unit as TimeUnit },
    channels: r.channels as ReceiptChannel[] | null,
    onlineMode: r.online_mode as OnlineMode | null,
    legacyOnlineLevel: r.legacy_online_level,
    feePolicy: r.fee_policy as FeePolicy | null,
    feeText: r.fee_text,
    resultKind: r.result_kind as ResultKind | null,
    resultText: r.result_text,
    pausable: r.pausable,
    extensionAllowed: r.extension_allowed,
    province: r.province,
    notes: r.notes,
    unconfirmed: r.unconfirmed,
    source: r.source,
    fees: [],
    legalBases: [],
    documents: [],
    steps: [],
  };
}

/** Reads and writes version rows with their parts. Shared by the catalog, decision and import services. */
@Injectable()
export class ProcedureVersionStore {
  /** Fills documents, fees, steps and legal bases of the given versions (four queries whatever their number). */
  async loadParts(
    manager: EntityManager,
    versions: ProcedureVersionRecord[],
  ): Promise<ProcedureVersionRecord[]> {
    if (versions.length === 0) return versions;
    const ids = versions.map((v) => v.id);
    const byId = new Map(versions.map((v) => [v.id, v]));
    const [docs, fees, steps, bases] = await Promise.all([
      manager.query<Array<Record<string, unknown>>>(
        `select version_id, code, name, originals, copies, certified_copy_accepted, mandatory, template_file,
           registry_source, note from procedure_documents where version_id = any($1::uuid[]) order by version_id, seq`,
        [ids],
      ),
      manager.query<Array<Record<string, unknown>>>(
        `select version_id, name, amount_vnd::text as amount_vnd, note from procedure_fees
         where version_id = any($1::uuid[]) order by version_id, seq`,
        [ids],
      ),
      manager.query<Array<Record<string, unknown>>>(
        `select version_id, name, role, level, agency_name, budget_amount::float8 as budget_amount, budget_unit
         from procedure_steps where version_id = any($1::uuid[]) order by version_id, seq`,
        [ids],
      ),
      manager.query<Array<Record<string, unknown>>>(
        `select version_id, document_number, document_date::text as document_date, article, note
         from procedure_legal_bases where version_id = any($1::uuid[]) order by version_id, seq`,
        [ids],
      ),
    ]);
    for (const d of docs)
      byId.get(d.version_id as string)?.documents.push({
        code: d.code as string,
        name: d.name as string,
        originals: d.originals as number,
        copies: d.copies as number,
        certifiedCopyAccepted: d.certified_copy_accepted as boolean,
        mandatory: d.mandatory as boolean,
        templateFile: d.template_file as string | null,
        registrySource: d.registry_source as RegistrySource | null,
        note: d.note as string | null,
      });
    for (const f of fees)
      byId.get(f.version_id as string)?.fees.push({
        name: f.name as string,
        amountVnd: f.amount_vnd === null ? null : Number(f.amount_vnd),
        note: f.note as string | null,
      });
    for (const s of steps)
      byId.get(s.version_id as string)?.steps.push({
        name: s.name as string,
        role: s.role as string,
        level: s.level as ProcedureLevel | null,
        agencyName: s.agency_name as string | null,
        budget:
          s.budget_amount === null
            ? null
            : { amount: s.budget_amount as number, unit: s.budget_unit as TimeUnit },
      });
    for (const b of bases)
      byId.get(b.version_id as string)?.legalBases.push({
        documentNumber: b.document_number as string,
        documentDate: b.document_date as string | null,
        article: b.article as string | null,
        note: b.note as string | null,
      });
    return versions;
  }

  /** Inserts a version and its parts; returns the new version id. */
  async insertVersion(
    manager: EntityManager,
    v: {
      procedureId: string;
      versionNo: number;
      decisionId: string;
      changeKind: Exclude<DecisionAction, 'ABOLISHED'>;
      validFrom: string | null;
      content: ProcedureContent;
    },
  ): Promise<string> {
    const c = v.content;
    const [row] = await manager.query<Array<{ id: string }>>(
      `insert into procedure_versions (procedure_id, version_no, decision_id, change_kind, valid_from, portal_code,
         name, field_code, field_text, levels, level_text, inter_level, implementing_agency_id,
         implementing_agency_name, deciding_agency_id, deciding_agency_name, time_limit_amount, time_limit_unit,
         time_limit_text, norm_amount, norm_unit, channels, online_mode, legacy_online_level, fee_policy, fee_text,
         result_kind, result_text, pausable, extension_allowed, province, notes, unconfirmed, source)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,
         $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $34)
       returning id`,
      [
        v.procedureId,
        v.versionNo,
        v.decisionId,
        v.changeKind,
        v.validFrom,
        c.portalCode ?? null,
        c.name,
        c.fieldCode,
        c.fieldText ?? null,
        c.levels,
        c.levelText ?? null,
        c.interLevel,
        c.implementingAgencyId ?? null,
        c.implementingAgencyName ?? null,
        c.decidingAgencyId ?? null,
        c.decidingAgencyName ?? null,
        c.timeLimit?.amount ?? null,
        c.timeLimit?.unit ?? null,
        c.timeLimitText ?? null,
        c.norm?.amount ?? null,
        c.norm?.unit ?? null,
        c.channels ?? null,
        c.onlineMode ?? null,
        c.legacyOnlineLevel ?? null,
        c.feePolicy ?? null,
        c.feeText ?? null,
        c.resultKind ?? null,
        c.resultText ?? null,
        c.pausable ?? null,
        c.extensionAllowed ?? null,
        c.province ?? null,
        c.notes ?? null,
        c.unconfirmed ?? false,
        c.source ? JSON.stringify(c.source) : null,
      ],
    );
    const id = row.id;
    for (const [i, d] of c.documents.entries())
      await manager.query(
        `insert into procedure_documents (version_id, seq, code, name, originals, copies, certified_copy_accepted,
           mandatory, template_file, registry_source, note) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          id,
          i + 1,
          d.code,
          d.name,
          d.originals,
          d.copies,
          d.certifiedCopyAccepted,
          d.mandatory,
          d.templateFile ?? null,
          d.registrySource ?? null,
          d.note ?? null,
        ],
      );
    for (const [i, f] of c.fees.entries())
      await manager.query(
        `insert into procedure_fees (version_id, seq, name, amount_vnd, note) values ($1, $2, $3, $4, $5)`,
        [id, i + 1, f.name, f.amountVnd, f.note ?? null],
      );
    for (const [i, s] of c.steps.entries())
      await manager.query(
        `insert into procedure_steps (version_id, seq, name, role, level, agency_name, budget_amount, budget_unit)
         values ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          id,
          i + 1,
          s.name,
          s.role,
          s.level ?? null,
          s.agencyName ?? null,
          s.budget?.amount ?? null,
          s.budget?.unit ?? null,
        ],
      );
    for (const [i, b] of c.legalBases.entries())
      await manager.query(
        `insert into procedure_legal_bases (version_id, seq, document_number, document_date, article, note)
         values ($1, $2, $3, $4, $5, $6)`,
        [id, i + 1, b.documentNumber, b.documentDate ?? null, b.article ?? null, b.note ?? null],
      );
    return id;
  }
}
