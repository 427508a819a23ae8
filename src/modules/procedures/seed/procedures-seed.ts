import sectorFile from 'src/modules/procedures/seed-data/procedures-sector.json';
import decisionsFile from 'src/modules/procedures/seed-data/seed-decisions.json';
import type { DecisionDraftInput } from 'src/modules/procedures/domain/decision.types';
import {
  NATIONAL_CODE_PATTERN,
  type ProcedureContent,
  type ProcedureLevel,
  type ReceiptChannel,
  type TimeUnit,
} from 'src/modules/procedures/domain/procedure.types';

/** One record of seed-data/procedures-sector.json (a verbatim copy of shared/data/procedures-sector.json). */
export interface SectorRecord {
  id: string;
  code: string | null;
  name: string;
  field: string;
  level: string | null;
  time_limit: number | null;
  time_unit: 'working_days' | 'days' | null;
  time_limit_text: string | null;
  fee: string | null;
  online_mode: string | null;
  implementing_agency: string | null;
  legal_basis: string[];
  province: string | null;
  source: { decision: string | null; date: string | null; issuer: string | null; [k: string]: unknown };
  notes: string | null;
}

interface SeedDecision {
  sourceDecision: string | null;
  number: string | null;
  issuer: string | null;
  signedOn: string | null;
  effectiveFrom: string | null;
  dateText: string | null;
  unconfirmed: boolean;
  notes: string | null;
}

/**
 * The seed files are imported (not read from disk) so the compiler ships them in dist/ and `npm start` / `npm run
 * seed` work without ../shared.
 */
export function loadSectorRecords(): SectorRecord[] {
  return (sectorFile as unknown as { procedures: SectorRecord[] }).procedures;
}

function loadSeedDecisions(): SeedDecision[] {
  return (decisionsFile as unknown as { decisions: SeedDecision[] }).decisions;
}

/** The dataset's field wording → catalog field code. The liên thông group gets its own field, as the dataset counts it. */
export function fieldCodeOf(field: string): string {
  if (field.startsWith('Hộ tịch')) return 'LIEN_THONG_KHAI_TU_MAI_TANG';
  const map: Record<string, string> = {
    'Người có công': 'NGUOI_CO_CONG',
    'Bảo trợ xã hội': 'BAO_TRO_XA_HOI',
    'Việc làm': 'VIEC_LAM',
    'Phòng, chống tệ nạn xã hội': 'PHONG_CHONG_TE_NAN_XA_HOI',
    'Trẻ em': 'TRE_EM',
    'Lao động - Tiền lương - BHXH': 'LAO_DONG_TIEN_LUONG',
    'Giảm nghèo': 'GIAM_NGHEO',
  };
  return map[field] ?? 'KHAC';
}

/** Levels named in the source wording ("tỉnh, xã", "liên thông (xã, Công an, BHXH)", "Cấp Bộ, Cấp Tỉnh, …"). */
export function levelsOf(level: string | null): ProcedureLevel[] {
  if (!level) return [];
  const text = level.toLowerCase();
  const out = new Set<ProcedureLevel>();
  if (text.includes('cấp bộ')) out.add('CENTRAL');
  if (text.includes('tỉnh')) out.add('PROVINCE');
  if (text.includes('huyện')) out.add('DISTRICT');
  if (text.includes('xã')) out.add('COMMUNE');
  if (
    text.includes('cơ quan khác') ||
    text.includes('công an') ||
    text.includes('bhxh') ||
    text.includes('lđtbxh')
  )
    out.add('OTHER');
  return [...out];
}

/**
 * Channels only as the source states them: FULL online implies ONLINE (Decree 42/2022 art. 11); the notes name
 * direct submission, the public postal service and online submission. Null when nothing is said.
 */
export function channelsOf(record: SectorRecord, decisionWide: ReceiptChannel[]): ReceiptChannel[] | null {
  const out = new Set<ReceiptChannel>(decisionWide);
  if (record.online_mode === 'toàn trình') out.add('ONLINE');
  const notes = (record.notes ?? '').toLowerCase();
  if (/trực tiếp|nộp tại/.test(notes)) out.add('DIRECT');
  if (/bưu chính|bưu điện/.test(notes)) out.add('POSTAL');
  if (/trực tuyến|cổng dvcqg|vneid/.test(notes)) out.add('ONLINE');
  return out.size > 0 ? [...out].sort() : null;
}

const UNITS: Record<string, TimeUnit> = { working_days: 'WORKING_DAYS', days: 'CALENDAR_DAYS' };

/** `432/QĐ-UBND (13/11/2025, UBND tỉnh Bắc Ninh)` → number + note. */
function legalBasisOf(text: string): { documentNumber: string; note: string | null } {
  const m = /^(.+?)\s*\((.+)\)\s*$/.exec(text);
  return m ? { documentNumber: m[1], note: m[2] } : { documentNumber: text, note: null };
}

export function contentOf(record: SectorRecord, decision: SeedDecision): ProcedureContent {
  const portal = record.code;
  const national = portal ? portal.slice(0, 8) : null;
  const fieldCode = fieldCodeOf(record.field);
  return {
    code: national && NATIONAL_CODE_PATTERN.test(national) ? national : record.id.toUpperCase(),
    nationalCode: national && NATIONAL_CODE_PATTERN.test(national) ? national : null,
    portalCode: portal && portal !== national ? portal : null,
    name: record.name,
    fieldCode,
    fieldText: record.field,
    levels: levelsOf(record.level),
    levelText: record.level,
    interLevel: fieldCode === 'LIEN_THONG_KHAI_TU_MAI_TANG',
    implementingAgencyName: record.implementing_agency,
    timeLimit:
      record.time_limit !== null && record.time_unit
        ? { amount: record.time_limit, unit: UNITS[record.time_unit] }
        : null,
    timeLimitText: record.time_limit_text,
    channels: channelsOf(record, decision.number === '3783/QĐ-UBND' ? ['DIRECT', 'ONLINE'] : []),
    onlineMode: record.online_mode === 'toàn trình' ? 'FULL' : null,
    feePolicy: record.fee === null ? null : record.fee === 'không' ? 'NONE' : 'RULE',
    feeText: record.fee,
    fees: [],
    province: record.province,
    notes: record.notes,
    unconfirmed: decision.unconfirmed,
    legalBases: record.legal_basis.map(legalBasisOf),
    documents: [],
    steps: [],
    source: { datasetId: record.id, ...record.source },
  };
}

/** The seed as publication decisions (one per source decision), each adding its procedures as NEW. */
export function seedDecisions(): DecisionDraftInput[] {
  const records = loadSectorRecords();
  return loadSeedDecisions().map((d) => {
    const own = records.filter((r) => r.source.decision === d.sourceDecision);
    return {
      number: d.number,
      issuer: d.issuer,
      signedOn: d.signedOn,
      effectiveFrom: d.effectiveFrom,
      dateText: d.dateText,
      notes: d.notes,
      unconfirmed: d.unconfirmed,
      seedKey: `procedures-sector:${d.number ?? 'no-decision'}`,
      source: { dataset: 'procedures-sector.json', decision: d.sourceDecision },
      items: own.map((r) => {
        const content = contentOf(r, d);
        return { action: 'NEW' as const, procedureCode: content.code, content };
      }),
    };
  });
}
