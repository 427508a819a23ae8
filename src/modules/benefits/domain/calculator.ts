import { applyCoefficient, formatCoefficient } from 'src/modules/benefits/domain/money';
import { monthOf } from 'src/modules/benefits/domain/months';
import type {
  AmountExplanation,
  BaseLevelVersion,
  BenefitScheme,
  FuneralBaseKind,
  FuneralRule,
  MeritTable,
  MeritTableRow,
  SocialAssistanceGroup,
  StatutoryBaseSalaryVersion,
} from 'src/modules/benefits/domain/rules.model';

/** Every rule the calculator needs, loaded from the database (or the seed data in unit tests). */
export interface RuleSet {
  bases: BaseLevelVersion[];
  groups: SocialAssistanceGroup[];
  /** Merit tables per base version, keyed by the version's `effectiveFrom`. */
  meritTables: Map<string, MeritTableRow[]>;
  funeral: FuneralRule[];
  /** The statutory base salary versions (mức lương cơ sở), for rules expressed in it. */
  statutoryBaseSalaries: StatutoryBaseSalaryVersion[];
}

export class RuleNotFoundError extends Error {
  constructor(readonly detail: string) {
    super(detail);
    this.name = 'RuleNotFoundError';
  }
}

interface BaseChoice {
  version: BaseLevelVersion;
  effectiveTo: string | null;
  /** The national version also in force (when a province one won). */
  national: BaseLevelVersion;
}

function inForce(
  versions: BaseLevelVersion[],
  date: string,
): { version: BaseLevelVersion; effectiveTo: string | null } | null {
  const sorted = [...versions].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  let found: { version: BaseLevelVersion; effectiveTo: string | null } | null = null;
  for (let i = 0; i < sorted.length; i++)
    if (sorted[i].effectiveFrom <= date)
      found = { version: sorted[i], effectiveTo: sorted[i + 1]?.effectiveFrom ?? null };
  return found;
}

/**
 * The base level for a month: the national version in force on the month's first day, or the province's own
 * version (People's Council resolution) when it is in force and higher.
 */
export function baseInForce(
  rules: RuleSet,
  scheme: BenefitScheme,
  month: string,
  provinceUnitId: string | null = null,
): BaseChoice {
  const day = monthOf(month);
  const national = inForce(
    rules.bases.filter((b) => b.scheme === scheme && b.scope === 'NATIONAL'),
    day,
  );
  if (!national) throw new RuleNotFoundError(`no ${scheme} base level in force on ${day}`);
  const province = provinceUnitId
    ? inForce(
        rules.bases.filter(
          (b) => b.scheme === scheme && b.scope === 'PROVINCE' && b.unitId === provinceUnitId,
        ),
        day,
      )
    : null;
  if (province && province.version.amount > national.version.amount) {
    const effectiveTo =
      [province.effectiveTo, national.effectiveTo].filter((d): d is string => !!d).sort()[0] ?? null;
    return { version: province.version, effectiveTo, national: national.version };
  }
  return { ...national, national: national.version };
}

/** Monthly social allowance = base × group coefficient (× children for K4), Decree 20/2021 art. 6. */
export function socialAssistanceAmount(
  rules: RuleSet,
  input: { groupCode: string; month: string; provinceUnitId?: string | null; children?: number },
): AmountExplanation {
  const group = rules.groups.find((g) => g.code === input.groupCode);
  if (!group) throw new RuleNotFoundError(`unknown social-assistance group ${input.groupCode}`);
  const children = group.perChild ? (input.children ?? 1) : 1;
  if (!Number.isSafeInteger(children) || children < 1)
    throw new RangeError('children must be a positive integer');
  const base = baseInForce(rules, 'SOCIAL_ASSISTANCE', input.month, input.provinceUnitId ?? null);
  const coefficient = group.coefficientHundredths * children;
  const amount = applyCoefficient(base.version.amount, coefficient);
  const legalBasis = `${group.legalBasis}; mức chuẩn: ${base.version.legalBasis}`;
  return {
    amount,
    scheme: 'SOCIAL_ASSISTANCE',
    ruleKey: group.code,
    rate: base.version.amount,
    coefficientHundredths: coefficient,
    legalBasis,
    period: {
      month: monthOf(input.month),
      ruleEffectiveFrom: base.version.effectiveFrom,
      ruleEffectiveTo: base.effectiveTo,
    },
    origin: 'COEFFICIENT',
    unconfirmed: base.version.unconfirmed,
    text:
      `${base.version.amount} × ${formatCoefficient(group.coefficientHundredths)}` +
      (group.perChild ? ` × ${children} con` : '') +
      ` = ${amount} VND (${group.description}; mức chuẩn ${base.version.scope === 'PROVINCE' ? 'của tỉnh' : 'quốc gia'} từ ${base.version.effectiveFrom})`,
  };
}

/** Monthly preferential allowance: the fixed amount in the appendix table of the version in force. */
export function meritAmount(
  rules: RuleSet,
  input: { table: MeritTable; key: string; month: string },
): AmountExplanation {
  const base = baseInForce(rules, 'MERIT', input.month);
  const rows = rules.meritTables.get(base.version.effectiveFrom);
  const row = rows?.find((r) => r.table === input.table && r.key === input.key);
  if (!row)
    throw new RuleNotFoundError(
      `no ${input.table} row ${input.key} for the base from ${base.version.effectiveFrom}`,
    );
  const derived = row.origin === 'INTERPOLATED' || row.origin === 'SCALED';
  return {
    amount: row.amount,
    scheme: 'MERIT',
    ruleKey: `${input.table}:${input.key}`,
    rate: base.version.amount,
    coefficientHundredths: null,
    legalBasis: `${base.version.legalBasis}, ${input.table.replace('_', ' ').toLowerCase()}`,
    period: {
      month: monthOf(input.month),
      ruleEffectiveFrom: base.version.effectiveFrom,
      ruleEffectiveTo: base.effectiveTo,
    },
    origin: row.origin,
    unconfirmed: base.version.unconfirmed || derived,
    text: `${row.label}: ${row.amount} VND (mức chuẩn ${base.version.amount} từ ${base.version.effectiveFrom}${
      derived
        ? `; giá trị ${row.origin === 'SCALED' ? 'tính lại theo mức chuẩn' : 'nội suy'}, cần đối chiếu phụ lục`
        : ''
    })`,
  };
}

/** Which table row pays a meritorious person of a category (and injury rate), when it is determined by them. */
export function meritRuleFor(
  category: string,
  injuryRate: number | null,
): { table: MeritTable; key: string } | null {
  switch (category) {
    case 'WAR_INVALID':
      return injuryRate !== null && injuryRate >= 21 && injuryRate <= 100
        ? { table: 'APPENDIX_II', key: String(injuryRate) }
        : null;
    case 'WAR_INVALID_TYPE_B':
      return injuryRate !== null && injuryRate >= 21 && injuryRate <= 100
        ? { table: 'APPENDIX_III', key: String(injuryRate) }
        : null;
    case 'SICK_SOLDIER': {
      if (injuryRate === null || injuryRate < 41 || injuryRate > 100) return null;
      const from = injuryRate <= 50 ? 41 : Math.floor((injuryRate - 1) / 10) * 10 + 1;
      return { table: 'SICK_SOLDIER', key: `${from}-${from + 9}` };
    }
    case 'TOXIC_CHEMICAL_VICTIM': {
      if (injuryRate === null || injuryRate < 21) return null;
      const key =
        injuryRate <= 40 ? '21_40' : injuryRate <= 60 ? '41_60' : injuryRate <= 80 ? '61_80' : '81_PLUS';
      return { table: 'APPENDIX_I', key: `TOXIC_CHEMICAL_${key}` };
    }
    case 'HEROIC_MOTHER':
    case 'HERO':
    case 'AUGUST_1945_REVOLUTIONARY':
    case 'IMPRISONED_BY_ENEMY':
      return { table: 'APPENDIX_I', key: category };
    default:
      return null;
  }
}

/** A social-assistance amount a person is entitled to, for the "only the highest" rule. */
export interface CandidateAmount {
  entitlementId: string;
  groupCode: string;
  amount: number;
}

/**
 * Decree 20/2021 art. 6 k2: a person entitled under several groups receives only the highest amount; exception: a
 * poor single parent (K4) who is also elderly, disabled or living with HIV receives K4 and the highest of those too.
 * Returns the ids paid and, for each one not paid, why.
 */
export function onlyTheHighest(
  groups: SocialAssistanceGroup[],
  candidates: CandidateAmount[],
): { paid: string[]; notPaid: Array<{ entitlementId: string; reason: string }> } {
  const role = (code: string): SocialAssistanceGroup['exceptionRole'] =>
    groups.find((g) => g.code === code)?.exceptionRole;
  const byAmount = [...candidates].sort(
    (a, b) => b.amount - a.amount || a.entitlementId.localeCompare(b.entitlementId),
  );
  if (byAmount.length === 0) return { paid: [], notPaid: [] };
  const singleParent = byAmount.find((c) => role(c.groupCode) === 'SINGLE_PARENT');
  const partner = byAmount.find((c) => role(c.groupCode) === 'PARTNER');
  const paid =
    singleParent && partner
      ? [singleParent.entitlementId, partner.entitlementId]
      : [byAmount[0].entitlementId];
  const notPaid = byAmount
    .filter((c) => !paid.includes(c.entitlementId))
    .map((c) => ({
      entitlementId: c.entitlementId,
      reason: 'Chỉ hưởng một mức cao nhất (Nghị định 20/2021/NĐ-CP, Điều 6 khoản 2)',
    }));
  return { paid, notPaid };
}

const FUNERAL_BASE_LABEL: Record<FuneralBaseKind, string> = {
  SOCIAL_ASSISTANCE_BASE: 'mức chuẩn trợ giúp xã hội',
  MERIT_BASE: 'mức chuẩn trợ cấp ưu đãi',
  STATUTORY_BASE_SALARY: 'mức lương cơ sở',
};

interface FuneralBase {
  amount: number;
  effectiveFrom: string;
  effectiveTo: string | null;
  legalBasis: string;
  unconfirmed: boolean;
  /** e.g. "quốc gia" / "của tỉnh" for scheme bases. */
  scopeLabel: string | null;
}

/** The base a funeral rule multiplies, in force on the date of death. */
function funeralBase(
  rules: RuleSet,
  kind: FuneralBaseKind,
  deathDate: string,
  provinceUnitId: string | null,
): FuneralBase {
  if (kind === 'STATUTORY_BASE_SALARY') {
    const sorted = [...rules.statutoryBaseSalaries].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
    const i = sorted.findLastIndex((v) => v.effectiveFrom <= deathDate);
    if (i < 0) throw new RuleNotFoundError(`no statutory base salary in force on ${deathDate}`);
    const v = sorted[i];
    return {
      amount: v.amount,
      effectiveFrom: v.effectiveFrom,
      effectiveTo: sorted[i + 1]?.effectiveFrom ?? null,
      legalBasis: v.legalBasis,
      unconfirmed: v.unconfirmed,
      scopeLabel: null,
    };
  }
  const scheme: BenefitScheme = kind === 'SOCIAL_ASSISTANCE_BASE' ? 'SOCIAL_ASSISTANCE' : 'MERIT';
  const base = baseInForce(rules, scheme, deathDate, provinceUnitId);
  return {
    amount: base.version.amount,
    effectiveFrom: base.version.effectiveFrom,
    effectiveTo: base.effectiveTo,
    legalBasis: base.version.legalBasis,
    unconfirmed: base.version.unconfirmed,
    scopeLabel: base.version.scope === 'PROVINCE' ? 'của tỉnh' : 'quốc gia',
  };
}

/**
 * One-off funeral support: the rule in force on the date of death (per scheme) × the base it names (`baseKind`) in
 * force on that date. Social assistance: at least 20 × the social-assistance base (Decree 20/2021 art. 11 k2);
 * meritorious service: 10 × the statutory base salary (seeded unconfirmed). Unconfirmed when the rule or base is.
 */
export function funeralSupport(
  rules: RuleSet,
  input: { scheme: BenefitScheme; deathDate: string; provinceUnitId?: string | null },
): AmountExplanation {
  const rule = [...rules.funeral]
    .filter((r) => r.scheme === input.scheme && r.effectiveFrom <= input.deathDate)
    .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0];
  if (!rule) throw new RuleNotFoundError(`no funeral-support rule for ${input.scheme} on ${input.deathDate}`);
  const base = funeralBase(rules, rule.baseKind, input.deathDate, input.provinceUnitId ?? null);
  const amount = applyCoefficient(base.amount, rule.multipleHundredths);
  const unconfirmed = rule.unconfirmed || base.unconfirmed;
  const label = FUNERAL_BASE_LABEL[rule.baseKind];
  return {
    amount,
    scheme: input.scheme,
    ruleKey: 'FUNERAL',
    rate: base.amount,
    coefficientHundredths: rule.multipleHundredths,
    legalBasis: `${rule.legalBasis}; ${label}: ${base.legalBasis}`,
    period: {
      month: monthOf(input.deathDate),
      ruleEffectiveFrom: base.effectiveFrom,
      ruleEffectiveTo: base.effectiveTo,
    },
    origin: 'COEFFICIENT',
    unconfirmed,
    baseKind: rule.baseKind,
    text:
      `Hỗ trợ chi phí mai táng: ${base.amount} × ${formatCoefficient(rule.multipleHundredths)} = ${amount} VND (một lần; ` +
      `${label}${base.scopeLabel ? ` ${base.scopeLabel}` : ''} từ ${base.effectiveFrom}, quy định mai táng phí từ ${rule.effectiveFrom}` +
      `${unconfirmed ? '; mức chưa được xác nhận, cần đối chiếu văn bản' : ''})`,
  };
}
