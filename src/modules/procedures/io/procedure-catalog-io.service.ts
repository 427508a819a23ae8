import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainException } from 'src/common/errors/domain.exception';
import type { DecisionItemInput, DecisionRecord } from 'src/modules/procedures/domain/decision.types';
import type { ProcedureContent, ProcedureVersionRecord } from 'src/modules/procedures/domain/procedure.types';
import { diffContents } from 'src/modules/procedures/domain/version-diff';
import {
  catalogWorkbook,
  feeCell,
  readCatalogWorkbook,
  type CatalogSheetRow,
} from 'src/modules/procedures/io/catalog-sheet';
import { NOT_STATED_DISPLAY } from 'src/modules/procedures/api/procedure.mapper';
import { ProcedureDecisionsService } from 'src/modules/procedures/procedure-decisions.service';
import { businessToday, ProceduresService } from 'src/modules/procedures/procedures.service';

export const CATALOG_FORMAT = 'an-sinh.procedure-catalog';

export interface CatalogJson {
  format: typeof CATALOG_FORMAT;
  version: 1;
  onDate: string;
  exportedAt: string;
  procedures: Array<
    ProcedureContent & { versionNo: number; validFrom: string | null; decisionNumber: string | null }
  >;
}

export interface DecisionHeader {
  number: string;
  title?: string | null;
  issuer?: string | null;
  signer?: string | null;
  signedOn: string;
  effectiveFrom: string;
  notes?: string | null;
}

export interface ImportPlan {
  /** The draft decision holding the changes (null when the file changes nothing). Apply it to publish. */
  decision: DecisionRecord | null;
  created: string[];
  amended: string[];
  abolished: string[];
  unchanged: number;
}

/** The content part of a stored version (what a decision carries). */
export function contentOf(v: ProcedureVersionRecord): ProcedureContent {
  return {
    code: v.code,
    nationalCode: v.nationalCode ?? null,
    portalCode: v.portalCode ?? null,
    name: v.name,
    fieldCode: v.fieldCode,
    fieldText: v.fieldText ?? null,
    levels: v.levels,
    levelText: v.levelText ?? null,
    interLevel: v.interLevel,
    implementingAgencyId: v.implementingAgencyId ?? null,
    implementingAgencyName: v.implementingAgencyName ?? null,
    decidingAgencyId: v.decidingAgencyId ?? null,
    decidingAgencyName: v.decidingAgencyName ?? null,
    timeLimit: v.timeLimit ?? null,
    timeLimitText: v.timeLimitText ?? null,
    norm: v.norm ?? null,
    channels: v.channels ?? null,
    onlineMode: v.onlineMode ?? null,
    legacyOnlineLevel: v.legacyOnlineLevel ?? null,
    feePolicy: v.feePolicy ?? null,
    feeText: v.feeText ?? null,
    fees: v.fees,
    resultKind: v.resultKind ?? null,
    resultText: v.resultText ?? null,
    pausable: v.pausable ?? null,
    extensionAllowed: v.extensionAllowed ?? null,
    province: v.province ?? null,
    notes: v.notes ?? null,
    unconfirmed: v.unconfirmed ?? false,
    legalBases: v.legalBases,
    documents: v.documents,
    steps: v.steps,
    source: v.source ?? null,
  };
}

/**
 * Catalog import and export, JSON (lossless) and XLSX (laid out as departments publish lists). An import never
 * changes the catalog by itself: it produces a DRAFT publication decision (new / amended / abolished items) that an
 * admin reviews and applies, so imports follow the same rules and audit trail as every other change.
 */
@Injectable()
export class ProcedureCatalogIoService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: ProceduresService,
    private readonly decisions: ProcedureDecisionsService,
  ) {}

  async inForce(onDate: string): Promise<ProcedureVersionRecord[]> {
    const out: ProcedureVersionRecord[] = [];
    let after: string | undefined;
    do {
      const page = await this.catalog.list({ status: 'IN_FORCE', onDate }, 500, after, true);
      out.push(...page.items);
      after = page.nextCursor ?? undefined;
    } while (after);
    return out.sort((a, b) => a.fieldCode.localeCompare(b.fieldCode) || a.code.localeCompare(b.code));
  }

  async exportJson(onDate = businessToday()): Promise<CatalogJson> {
    const versions = await this.inForce(onDate);
    return {
      format: CATALOG_FORMAT,
      version: 1,
      onDate,
      exportedAt: new Date().toISOString(),
      procedures: versions.map((v) => ({
        ...contentOf(v),
        versionNo: v.versionNo,
        validFrom: v.validFrom,
        decisionNumber: v.decisionNumber,
      })),
    };
  }

  async exportXlsx(onDate = businessToday()): Promise<Buffer> {
    return catalogWorkbook(await this.inForce(onDate), onDate);
  }

  /** A draft decision making the catalog match the file's procedures (optionally abolishing those not in it). */
  async importJson(
    header: DecisionHeader,
    procedures: ProcedureContent[],
    abolishMissing = false,
  ): Promise<ImportPlan> {
    return this.plan(header, procedures, abolishMissing);
  }

  /** Same from a catalog workbook: sheet columns override the current version; documents and steps are kept. */
  async importXlsx(header: DecisionHeader, file: Buffer, abolishMissing = false): Promise<ImportPlan> {
    let parsed: Awaited<ReturnType<typeof readCatalogWorkbook>>;
    try {
      parsed = await readCatalogWorkbook(file);
    } catch {
      throw new DomainException('PROCEDURE_IMPORT_INVALID', 'The file is not a readable XLSX workbook');
    }
    const fields = await this.dataSource.query<Array<{ code: string; name: string }>>(
      `select code, name from procedure_fields`,
    );
    const problems = [...parsed.problems];
    const contents: ProcedureContent[] = [];
    for (const row of parsed.rows) {
      const field = fields.find(
        (f) => f.name.toLowerCase() === row.fieldName.toLowerCase() || f.code === row.fieldName,
      );
      if (!field) {
        problems.push(`row ${row.rowNumber}: unknown field "${row.fieldName}"`);
        continue;
      }
      const current = (await this.catalog.history(row.code).catch(() => [])).find((v) => v.validTo === null);
      contents.push(this.overlay(row, field.code, current));
    }
    if (problems.length > 0)
      throw new DomainException('PROCEDURE_IMPORT_INVALID', problems.slice(0, 20).join('; '), { problems });
    return this.plan(header, contents, abolishMissing);
  }

  private overlay(
    row: CatalogSheetRow,
    fieldCode: string,
    current?: ProcedureVersionRecord,
  ): ProcedureContent {
    const base: ProcedureContent = current
      ? contentOf(current)
      : {
          code: row.code,
          name: row.name,
          fieldCode,
          levels: [],
          interLevel: false,
          fees: [],
          legalBases: [],
          documents: [],
          steps: [],
        };
    const feeUnchanged = current && row.feeCell === feeCell(current);
    return {
      ...base,
      portalCode: row.portalCode ?? base.portalCode ?? null,
      name: row.name,
      fieldCode,
      levels: row.levels ?? base.levels,
      timeLimit: row.timeLimit,
      onlineMode: row.onlineMode,
      implementingAgencyName: row.agencyName,
      notes: row.notes,
      ...(feeUnchanged
        ? {}
        : row.feeCell === 'Không'
          ? { feePolicy: 'NONE' as const, feeText: null, fees: [] }
          : !row.feeCell || row.feeCell === NOT_STATED_DISPLAY
            ? { feePolicy: null, feeText: null, fees: [] }
            : { feePolicy: 'RULE' as const, feeText: row.feeCell, fees: [] }),
    };
  }

  private async plan(
    header: DecisionHeader,
    procedures: ProcedureContent[],
    abolishMissing: boolean,
  ): Promise<ImportPlan> {
    const items: DecisionItemInput[] = [];
    const plan: ImportPlan = { decision: null, created: [], amended: [], abolished: [], unchanged: 0 };
    const seen = new Set<string>();
    for (const content of procedures) {
      seen.add(content.code);
      const versions = await this.catalog.history(content.code).catch(() => [] as ProcedureVersionRecord[]);
      const current = versions.find((v) => v.validTo === null);
      if (versions.length === 0) {
        items.push({ action: 'NEW', procedureCode: content.code, content });
        plan.created.push(content.code);
      } else if (!current) {
        throw new DomainException(
          'PROCEDURE_ABOLISHED',
          `Procedure ${content.code} is abolished; it cannot be imported`,
        );
      } else if (diffContents(contentOf(current), content).length > 0) {
        items.push({ action: 'AMENDED', procedureCode: content.code, content });
        plan.amended.push(content.code);
      } else plan.unchanged++;
    }
    if (abolishMissing)
      for (const v of await this.inForce(header.effectiveFrom))
        if (!seen.has(v.code)) {
          items.push({ action: 'ABOLISHED', procedureCode: v.code });
          plan.abolished.push(v.code);
        }
    if (items.length > 0)
      plan.decision = await this.decisions.createDraft({
        ...header,
        notes: header.notes ?? 'Created by a catalog import',
        items,
      });
    return plan;
  }
}
