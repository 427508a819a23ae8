import type {
  AmountObject,
  DecisionObject,
  ProcedurePageObject,
  ProcedureVersionObject,
} from 'src/modules/procedures/api/procedure.object';
import {
  businessToday,
  type CatalogPage,
  type CatalogStatus,
} from 'src/modules/procedures/procedures.service';
import type { DecisionRecord } from 'src/modules/procedures/domain/decision.types';
import {
  NOT_STATED,
  NOT_STATED_VI,
  type Amount,
  type ProcedureVersionRecord,
  type TimeUnit,
} from 'src/modules/procedures/domain/procedure.types';

const UNIT_VI: Record<TimeUnit, string> = {
  WORKING_DAYS: 'ngày làm việc',
  WORKING_HOURS: 'giờ làm việc',
  CALENDAR_DAYS: 'ngày',
};

/** "10 ngày làm việc", "0,5 ngày làm việc", "25 ngày" (Vietnamese decimal comma). */
export function amountText(a: Amount): string {
  const n = Number.isInteger(a.amount)
    ? String(a.amount).padStart(2, '0')
    : String(a.amount).replace('.', ',');
  return `${n} ${UNIT_VI[a.unit]}`;
}

function amount(a: Amount | null | undefined): AmountObject | null {
  return a ? { amount: a.amount, unit: a.unit, text: amountText(a) } : null;
}

/** The display for a missing value, in both languages, so the portal never shows a blank as if it were "none". */
export const NOT_STATED_DISPLAY = `${NOT_STATED_VI} (${NOT_STATED})`;

/** Which published facts this version lacks (the portal shows them as not stated, never as "none"). */
export function notStatedFields(v: ProcedureVersionRecord): string[] {
  const missing: string[] = [];
  if (v.levels.length === 0) missing.push('levels');
  if (!v.implementingAgencyName && !v.implementingAgencyId) missing.push('implementingAgency');
  if (!v.timeLimit) missing.push('timeLimit');
  if (!v.channels) missing.push('channels');
  if (!v.onlineMode) missing.push('onlineMode');
  if (v.legacyOnlineLevel === null || v.legacyOnlineLevel === undefined) missing.push('legacyOnlineLevel');
  if (!v.feePolicy) missing.push('fees');
  if (!v.resultKind) missing.push('resultKind');
  if (v.pausable === null || v.pausable === undefined) missing.push('pausable');
  if (v.extensionAllowed === null || v.extensionAllowed === undefined) missing.push('extensionAllowed');
  if (v.legalBases.length === 0) missing.push('legalBases');
  if (v.documents.length === 0) missing.push('documents');
  if (v.steps.length === 0) missing.push('steps');
  return missing;
}

export function toVersionObject(v: ProcedureVersionRecord): ProcedureVersionObject {
  return {
    id: v.id,
    code: v.code,
    nationalCode: v.nationalCode ?? null,
    portalCode: v.portalCode ?? null,
    versionNo: v.versionNo,
    changeKind: v.changeKind,
    validFrom: v.validFrom,
    validTo: v.validTo,
    abolishedOn: v.abolishedOn,
    decisionId: v.decisionId,
    decisionNumber: v.decisionNumber,
    name: v.name,
    fieldCode: v.fieldCode,
    fieldName: v.fieldName,
    fieldText: v.fieldText ?? null,
    levels: v.levels,
    levelText: v.levelText ?? null,
    interLevel: v.interLevel,
    implementingAgencyId: v.implementingAgencyId ?? null,
    implementingAgencyName: v.implementingAgencyName ?? null,
    decidingAgencyId: v.decidingAgencyId ?? null,
    decidingAgencyName: v.decidingAgencyName ?? null,
    timeLimit: amount(v.timeLimit),
    timeLimitDisplay: v.timeLimit ? amountText(v.timeLimit) : NOT_STATED_DISPLAY,
    timeLimitText: v.timeLimitText ?? null,
    norm: amount(v.norm),
    channels: v.channels ?? null,
    onlineMode: v.onlineMode ?? null,
    legacyOnlineLevel: v.legacyOnlineLevel ?? null,
    feePolicy: v.feePolicy ?? null,
    feeText: v.feeText ?? null,
    fees: v.fees.map((f) => ({ name: f.name, amountVnd: f.amountVnd, note: f.note ?? null })),
    resultKind: v.resultKind ?? null,
    resultText: v.resultText ?? null,
    pausable: v.pausable ?? null,
    extensionAllowed: v.extensionAllowed ?? null,
    province: v.province ?? null,
    notes: v.notes ?? null,
    unconfirmed: v.unconfirmed ?? false,
    legalBases: v.legalBases.map((b) => ({
      documentNumber: b.documentNumber,
      documentDate: b.documentDate ?? null,
      article: b.article ?? null,
      note: b.note ?? null,
    })),
    documents: v.documents.map((d) => ({
      code: d.code,
      name: d.name,
      originals: d.originals,
      copies: d.copies,
      certifiedCopyAccepted: d.certifiedCopyAccepted,
      mandatory: d.mandatory,
      templateFile: d.templateFile ?? null,
      registrySource: d.registrySource ?? null,
      note: d.note ?? null,
    })),
    steps: v.steps.map((s, i) => ({
      seq: i + 1,
      name: s.name,
      role: s.role,
      level: s.level ?? null,
      agencyName: s.agencyName ?? null,
      budget: amount(s.budget),
    })),
    notStatedFields: notStatedFields(v),
  };
}

/** A catalog page with the status and date it was read for. */
export function toPageObject(
  page: CatalogPage,
  filter: { status?: CatalogStatus; onDate?: string },
): ProcedurePageObject {
  return {
    items: page.items.map(toVersionObject),
    totalCount: page.totalCount,
    nextCursor: page.nextCursor,
    status: filter.status ?? 'IN_FORCE',
    onDate: filter.onDate ?? businessToday(),
  };
}

export function toDecisionObject(d: DecisionRecord): DecisionObject {
  return {
    id: d.id,
    number: d.number,
    title: d.title,
    issuer: d.issuer,
    signer: d.signer,
    signedOn: d.signedOn,
    effectiveFrom: d.effectiveFrom,
    dateText: d.dateText,
    status: d.status,
    unconfirmed: d.unconfirmed,
    notes: d.notes,
    createdBy: d.createdBy,
    createdAt: new Date(d.createdAt).toISOString(),
    appliedAt: d.appliedAt ? new Date(d.appliedAt).toISOString() : null,
    items: d.items.map((i) => ({
      seq: i.seq,
      action: i.action,
      procedureCode: i.procedureCode,
      procedureName: i.procedureName,
      reason: i.reason,
      resultingVersionId: i.resultingVersionId,
      levels: i.levels,
    })),
  };
}
