import type { ProcedureContent } from 'src/modules/procedures/domain/procedure.types';

export type DiffSection = 'FIELDS' | 'TIME_LIMIT' | 'FEES' | 'DOCUMENTS' | 'STEPS' | 'LEGAL_BASIS';
export type DiffChange = 'ADDED' | 'REMOVED' | 'CHANGED';

/** One difference between two versions; before/after are JSON text so every kind of value fits one shape. */
export interface VersionDiffEntry {
  section: DiffSection;
  change: DiffChange;
  /** Field name, or the document code / step number / fee number concerned. */
  path: string;
  before: string | null;
  after: string | null;
}

const SCALAR_FIELDS = [
  'name',
  'portalCode',
  'fieldCode',
  'fieldText',
  'levels',
  'levelText',
  'interLevel',
  'implementingAgencyId',
  'implementingAgencyName',
  'decidingAgencyId',
  'decidingAgencyName',
  'channels',
  'onlineMode',
  'legacyOnlineLevel',
  'resultKind',
  'resultText',
  'pausable',
  'extensionAllowed',
  'notes',
] as const satisfies ReadonlyArray<keyof ProcedureContent>;

const TIME_FIELDS = ['timeLimit', 'timeLimitText', 'norm'] as const satisfies ReadonlyArray<
  keyof ProcedureContent
>;
const FEE_FIELDS = ['feePolicy', 'feeText'] as const satisfies ReadonlyArray<keyof ProcedureContent>;

const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));

function compareField(
  out: VersionDiffEntry[],
  section: DiffSection,
  path: string,
  a: unknown,
  b: unknown,
): void {
  const before = json(a);
  const after = json(b);
  if (before === after) return;
  out.push({
    section,
    path,
    before,
    after,
    change: before === null ? 'ADDED' : after === null ? 'REMOVED' : 'CHANGED',
  });
}

function compareLists<T>(
  out: VersionDiffEntry[],
  section: DiffSection,
  a: T[],
  b: T[],
  key: (item: T, index: number) => string,
): void {
  const left = new Map(a.map((item, i) => [key(item, i), item]));
  const right = new Map(b.map((item, i) => [key(item, i), item]));
  for (const [k, item] of left) compareField(out, section, k, item, right.get(k));
  for (const [k, item] of right) if (!left.has(k)) compareField(out, section, k, undefined, item);
}

/**
 * What changed from version `a` to version `b`: scalar fields, the time limit and norm, fees, required documents
 * (matched by code), internal steps (by order) and legal bases (by document number).
 */
export function diffContents(a: ProcedureContent, b: ProcedureContent): VersionDiffEntry[] {
  const out: VersionDiffEntry[] = [];
  for (const f of SCALAR_FIELDS) compareField(out, 'FIELDS', f, a[f], b[f]);
  for (const f of TIME_FIELDS) compareField(out, 'TIME_LIMIT', f, a[f], b[f]);
  for (const f of FEE_FIELDS) compareField(out, 'FEES', f, a[f], b[f]);
  compareLists(out, 'FEES', a.fees, b.fees, (_f, i) => `fee ${i + 1}`);
  compareLists(out, 'DOCUMENTS', a.documents, b.documents, (d) => d.code);
  compareLists(out, 'STEPS', a.steps, b.steps, (_s, i) => `step ${i + 1}`);
  compareLists(out, 'LEGAL_BASIS', a.legalBases, b.legalBases, (l) => l.documentNumber);
  return out;
}
