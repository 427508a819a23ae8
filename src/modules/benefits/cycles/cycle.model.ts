export const CYCLE_STATES = ['DRAFT', 'APPROVED', 'PAID', 'PARTIALLY_PAID'] as const;
export type CycleState = (typeof CYCLE_STATES)[number];

export const LINE_KINDS = ['REGULAR', 'ARREAR', 'RECOVERY', 'ONE_OFF', 'CARRY_OVER'] as const;
export type LineKind = (typeof LINE_KINDS)[number];

export const PAYMENT_STATUSES = [
  'PENDING',
  'EXPORTED',
  'PAID',
  'FAILED',
  'REVERSED',
  'UNCOLLECTED',
  'RECOVERY_DUE',
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export const PAYMENT_METHODS = ['BANK', 'POST_OFFICE_CASH', 'DEDUCTION'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** A monthly payment cycle of a unit, with its frozen totals (VND) and the calendar dates it must meet. */
export interface CycleRecord {
  id: string;
  unitId: string;
  period: string;
  state: CycleState;
  lineCount: number;
  totalAmount: number;
  regularAmount: number;
  arrearAmount: number;
  recoveryAmount: number;
  oneOffAmount: number;
  carryOverAmount: number;
  listDueDate: string;
  reportDueDate: string;
  computedBy: string | null;
  computedAt: Date | null;
  approvedBy: string | null;
  approvedAt: Date | null;
  closedAt: Date | null;
  version: number;
}

export const CYCLE_COLUMNS = `c.id, c.unit_id as "unitId", to_char(c.period, 'YYYY-MM-DD') as period, c.state,
  c.line_count as "lineCount", c.total_amount as "totalAmount", c.regular_amount as "regularAmount",
  c.arrear_amount as "arrearAmount", c.recovery_amount as "recoveryAmount", c.one_off_amount as "oneOffAmount",
  c.carry_over_amount as "carryOverAmount", to_char(c.list_due_date, 'YYYY-MM-DD') as "listDueDate",
  to_char(c.report_due_date, 'YYYY-MM-DD') as "reportDueDate", c.computed_by as "computedBy",
  c.computed_at as "computedAt", c.approved_by as "approvedBy", c.approved_at as "approvedAt",
  c.closed_at as "closedAt", c.version`;

/** One frozen line: who, which month, how much, and why. Account numbers never appear here. */
export interface LineRecord {
  id: string;
  cycleId: string;
  lineNo: number;
  kind: LineKind;
  entitlementId: string | null;
  oneOffId: string | null;
  carriedFromLineId: string | null;
  personId: string;
  personName: string;
  forMonth: string;
  scheme: string;
  ruleKey: string;
  rate: number;
  coefficientHundredths: number | null;
  amount: number;
  legalBasis: string;
  explanation: string;
  paymentMethod: PaymentMethod;
  paymentAccountId: string | null;
  instructionId: string;
  paymentStatus: PaymentStatus;
  statusReason: string | null;
}

export const LINE_COLUMNS = `l.id, l.cycle_id as "cycleId", l.line_no as "lineNo", l.kind, l.entitlement_id as "entitlementId",
  l.one_off_id as "oneOffId", l.carried_from_line_id as "carriedFromLineId", l.person_id as "personId",
  l.person_name as "personName", to_char(l.for_month, 'YYYY-MM-DD') as "forMonth", l.scheme, l.rule_key as "ruleKey",
  l.rate, l.coefficient_hundredths as "coefficientHundredths", l.amount, l.legal_basis as "legalBasis",
  l.explanation, l.payment_method as "paymentMethod", l.payment_account_id as "paymentAccountId",
  l.instruction_id as "instructionId", l.payment_status as "paymentStatus", l.status_reason as "statusReason"`;

const MONEY_FIELDS = [
  'totalAmount',
  'regularAmount',
  'arrearAmount',
  'recoveryAmount',
  'oneOffAmount',
  'carryOverAmount',
  'rate',
  'amount',
] as const;

/** pg returns bigint as text: turn the money fields into integer numbers (checked safe). */
export function withMoney<T extends object>(row: T): T {
  const out = { ...row } as Record<string, unknown>;
  for (const f of MONEY_FIELDS)
    if (typeof out[f] === 'string') {
      const n = Number(out[f]);
      if (!Number.isSafeInteger(n)) throw new RangeError(`${f} is not a safe integer`);
      out[f] = n;
    }
  return out as T;
}
