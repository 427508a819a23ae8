/** Administrative levels that handle a procedure (cấp thực hiện). CENTRAL = ministry; OTHER = police, social insurance… */
export const PROCEDURE_LEVELS = ['CENTRAL', 'PROVINCE', 'DISTRICT', 'COMMUNE', 'OTHER'] as const;
export type ProcedureLevel = (typeof PROCEDURE_LEVELS)[number];

/** Unit of a statutory limit, kept as the source states it ("ngày làm việc", "giờ làm việc", "ngày"). */
export const TIME_UNITS = ['WORKING_DAYS', 'WORKING_HOURS', 'CALENDAR_DAYS'] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];

/** Receipt channels (KenhThucHien 1/2/3): direct, online, public postal service. */
export const RECEIPT_CHANNELS = ['DIRECT', 'ONLINE', 'POSTAL'] as const;
export type ReceiptChannel = (typeof RECEIPT_CHANNELS)[number];

/** Decree 42/2022 art. 11: FULL = toàn trình, PARTIAL = một phần, NONE = no online service. */
export const ONLINE_MODES = ['FULL', 'PARTIAL', 'NONE'] as const;
export type OnlineMode = (typeof ONLINE_MODES)[number];

export const FEE_POLICIES = ['NONE', 'FIXED', 'RULE'] as const;
export type FeePolicy = (typeof FEE_POLICIES)[number];

export const RESULT_KINDS = [
  'DECISION',
  'CERTIFICATE',
  'LICENCE',
  'ALLOWANCE',
  'CONFIRMATION',
  'OTHER',
] as const;
export type ResultKind = (typeof RESULT_KINDS)[number];

export const REGISTRY_SOURCES = [
  'POPULATION_DB',
  'CIVIL_STATUS_DB',
  'SOCIAL_INSURANCE_DB',
  'MERITORIOUS_DB',
  'SOCIAL_PROTECTION_DB',
  'OTHER',
] as const;
export type RegistrySource = (typeof REGISTRY_SOURCES)[number];

/** What a publication decision does to one procedure. */
export const DECISION_ACTIONS = ['NEW', 'AMENDED', 'REPLACED', 'ABOLISHED'] as const;
export type DecisionAction = (typeof DECISION_ACTIONS)[number];

export const DECISION_STATUSES = ['DRAFT', 'APPLIED'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

/** National TTHC code `d.dddddd`, or a local catalog code (`LDXH-057`) for a procedure published without one. */
export const PROCEDURE_CODE_PATTERN = /^([0-9]\.[0-9]{6}|[A-Z]{2,10}(-[A-Z0-9]{1,10}){1,3})$/;
export const NATIONAL_CODE_PATTERN = /^[0-9]\.[0-9]{6}$/;

/** Shown wherever the published source left a value out (never filled in by guessing). */
export const NOT_STATED = 'not stated in the source';
export const NOT_STATED_VI = 'Nguồn không ghi';

export interface Amount {
  amount: number;
  unit: TimeUnit;
}

export interface LegalBasis {
  documentNumber: string;
  documentDate?: string | null;
  article?: string | null;
  note?: string | null;
}

export interface RequiredDocument {
  code: string;
  name: string;
  originals: number;
  copies: number;
  certifiedCopyAccepted: boolean;
  mandatory: boolean;
  templateFile?: string | null;
  registrySource?: RegistrySource | null;
  note?: string | null;
}

export interface FeeItem {
  name: string;
  /** Integer VND; null when the fee is a rule rather than an amount. */
  amountVnd: number | null;
  note?: string | null;
}

export interface ProcessStep {
  name: string;
  role: string;
  level?: ProcedureLevel | null;
  agencyName?: string | null;
  budget?: Amount | null;
}

/**
 * The content of one procedure version, as a publication decision states it. Null means the source did not state
 * the value (shown as "not stated in the source"), never "none": an empty fee list with feePolicy NONE is "free".
 */
export interface ProcedureContent {
  code: string;
  nationalCode?: string | null;
  portalCode?: string | null;
  name: string;
  fieldCode: string;
  fieldText?: string | null;
  levels: ProcedureLevel[];
  levelText?: string | null;
  interLevel: boolean;
  implementingAgencyId?: string | null;
  implementingAgencyName?: string | null;
  decidingAgencyId?: string | null;
  decidingAgencyName?: string | null;
  timeLimit?: Amount | null;
  timeLimitText?: string | null;
  norm?: Amount | null;
  channels?: ReceiptChannel[] | null;
  onlineMode?: OnlineMode | null;
  legacyOnlineLevel?: number | null;
  feePolicy?: FeePolicy | null;
  feeText?: string | null;
  fees: FeeItem[];
  resultKind?: ResultKind | null;
  resultText?: string | null;
  pausable?: boolean | null;
  extensionAllowed?: boolean | null;
  province?: string | null;
  notes?: string | null;
  unconfirmed?: boolean;
  legalBases: LegalBasis[];
  documents: RequiredDocument[];
  steps: ProcessStep[];
  source?: Record<string, unknown> | null;
}

/** A stored version: its content plus identity and validity. */
export interface ProcedureVersionRecord extends ProcedureContent {
  id: string;
  procedureId: string;
  versionNo: number;
  decisionId: string;
  decisionNumber: string | null;
  changeKind: Exclude<DecisionAction, 'ABOLISHED'>;
  validFrom: string | null;
  validTo: string | null;
  fieldName: string;
  abolishedOn: string | null;
}
