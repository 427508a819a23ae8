import { ObjectType } from '@nestjs/graphql';
import {
  gqlEnum,
  OutBool,
  OutDate,
  OutEnum,
  OutId,
  OutInstant,
  OutInt,
  OutObj,
  OutStr,
  OutVnd,
} from 'src/common/http/api-fields';
import {
  CYCLE_STATES,
  LINE_KINDS,
  PAYMENT_METHODS,
  PAYMENT_STATUSES,
} from 'src/modules/benefits/cycles/cycle.model';
import {
  AMOUNT_ORIGINS,
  BENEFIT_SCHEMES,
  MERIT_TABLES,
  RATE_SCOPES,
} from 'src/modules/benefits/domain/rules.model';
import { DEATH_REGISTRATION_OUTCOMES } from 'src/modules/benefits/deaths/death-registration.model';
import { COVERAGE_GROUPS } from 'src/modules/benefits/statistics/payment-statistics.service';

export const ENTITLEMENT_STATES = ['ACTIVE', 'SUSPENDED', 'ENDED'] as const;
export const ACCOUNT_METHODS = ['BANK', 'POST_OFFICE_CASH'] as const;
export const EXCEPTION_KINDS = ['FAILED', 'REVERSED', 'UNCOLLECTED'] as const;
export const EXCEPTION_STATES = ['OPEN', 'CARRIED_OVER', 'RESOLVED'] as const;
export const ORIGINS = [...AMOUNT_ORIGINS, 'COEFFICIENT'] as const;

export const GqlScheme = gqlEnum(
  'BenefitScheme',
  BENEFIT_SCHEMES,
  'SOCIAL_ASSISTANCE trợ giúp xã hội, MERIT ưu đãi người có công',
);
export const GqlRateScope = gqlEnum('RateScope', RATE_SCOPES);
export const GqlMeritTable = gqlEnum('MeritTable', MERIT_TABLES);
export const GqlCycleState = gqlEnum('PaymentCycleState', CYCLE_STATES);
export const GqlLineKind = gqlEnum('PaymentLineKind', LINE_KINDS, 'ARREAR truy lĩnh, RECOVERY truy thu');
export const GqlPaymentStatus = gqlEnum('PaymentStatus', PAYMENT_STATUSES);
export const GqlPaymentMethod = gqlEnum('PaymentMethod', PAYMENT_METHODS);
export const GqlEntitlementState = gqlEnum('EntitlementState', ENTITLEMENT_STATES);
export const GqlAccountMethod = gqlEnum('PaymentAccountMethod', ACCOUNT_METHODS);
export const GqlExceptionKind = gqlEnum('PaymentExceptionKind', EXCEPTION_KINDS);
export const GqlExceptionState = gqlEnum('PaymentExceptionState', EXCEPTION_STATES);
export const GqlCoverageGroup = gqlEnum('CoverageGroup', COVERAGE_GROUPS);
export const GqlAmountOrigin = gqlEnum(
  'AmountOrigin',
  ORIGINS,
  'SOURCED, MULTIPLE_OF_BASE, or derived: INTERPOLATED / SCALED',
);

@ObjectType('AllowanceExplanation')
export class AmountExplanationObject {
  @OutVnd() amount!: number;
  @OutEnum(GqlScheme, BENEFIT_SCHEMES) scheme!: string;
  @OutStr(80) ruleKey!: string;
  @OutVnd({ description: 'The base level used (VND/month)' }) rate!: number;
  @OutInt({ nullable: true, description: 'Coefficient in hundredths (150 = 1.5)' }) coefficientHundredths!:
    number | null;
  @OutStr(1000) legalBasis!: string;
  @OutDate() month!: string;
  @OutDate() ruleEffectiveFrom!: string;
  @OutDate({ nullable: true }) ruleEffectiveTo!: string | null;
  @OutEnum(GqlAmountOrigin, ORIGINS) origin!: string;
  @OutBool({ description: 'The rule comes from a single or third-party source, or the amount is derived' })
  unconfirmed!: boolean;
  @OutStr(1000) text!: string;
}

@ObjectType('BaseLevel')
export class BaseLevelObject {
  @OutId() id!: string;
  @OutEnum(GqlScheme, BENEFIT_SCHEMES) scheme!: string;
  @OutEnum(GqlRateScope, RATE_SCOPES) scope!: string;
  @OutId({ nullable: true }) unitId!: string | null;
  @OutVnd() amount!: number;
  @OutDate() effectiveFrom!: string;
  @OutStr(500) legalBasis!: string;
  @OutBool() unconfirmed!: boolean;
  @OutStr(1000, { nullable: true }) note!: string | null;
}

@ObjectType('BaseLevelList')
export class BaseLevelListObject {
  @OutObj(() => BaseLevelObject, { array: true, maxItems: 1000 }) items!: BaseLevelObject[];
}

@ObjectType('Entitlement')
export class EntitlementObject {
  @OutId() id!: string;
  @OutId() personId!: string;
  @OutId() unitId!: string;
  @OutStr(40) statusKind!: string;
  @OutId() statusId!: string;
  @OutEnum(GqlScheme, BENEFIT_SCHEMES) scheme!: string;
  @OutEnum(GqlMeritTable, MERIT_TABLES, { nullable: true }) ruleTable!: string | null;
  @OutStr(60) ruleKey!: string;
  @OutInt() children!: number;
  @OutDate() startDate!: string;
  @OutDate({ nullable: true, description: 'Exclusive' }) endDate!: string | null;
  @OutDate({ nullable: true }) settledBefore!: string | null;
  @OutEnum(GqlEntitlementState, ENTITLEMENT_STATES) state!: string;
  @OutDate({ nullable: true }) suspendedFrom!: string | null;
  @OutStr(500, { nullable: true }) suspendReason!: string | null;
  @OutStr(100) decisionNumber!: string;
  @OutDate() decisionDate!: string;
  @OutInt() version!: number;
}

@ObjectType('EntitlementPage')
export class EntitlementPageObject {
  @OutObj(() => EntitlementObject, { array: true }) items!: EntitlementObject[];
  @OutStr(100, { nullable: true }) nextCursor!: string | null;
}

@ObjectType('PaymentCycle')
export class CycleObject {
  @OutId() id!: string;
  @OutId() unitId!: string;
  @OutDate({ description: 'First day of the month paid' }) period!: string;
  @OutEnum(GqlCycleState, CYCLE_STATES) state!: string;
  @OutInt() lineCount!: number;
  @OutVnd({ description: 'To pay: every line but recoveries' }) totalAmount!: number;
  @OutVnd() regularAmount!: number;
  @OutVnd({ description: 'Truy lĩnh' }) arrearAmount!: number;
  @OutVnd({ description: 'Truy thu (positive)' }) recoveryAmount!: number;
  @OutVnd() oneOffAmount!: number;
  @OutVnd() carryOverAmount!: number;
  @OutDate({ description: 'List and funds due before this day' }) listDueDate!: string;
  @OutDate({ description: "Payer's report due before this day" }) reportDueDate!: string;
  @OutStr(200, { nullable: true }) computedBy!: string | null;
  @OutInstant({ nullable: true }) computedAt!: Date | null;
  @OutStr(200, { nullable: true }) approvedBy!: string | null;
  @OutInstant({ nullable: true }) approvedAt!: Date | null;
  @OutInstant({ nullable: true }) closedAt!: Date | null;
  @OutInt() version!: number;
}

@ObjectType('PaymentCyclePage')
export class CyclePageObject {
  @OutObj(() => CycleObject, { array: true }) items!: CycleObject[];
  @OutStr(100, { nullable: true }) nextCursor!: string | null;
}

@ObjectType('UnpricedEntitlement')
export class UnpricedObject {
  @OutId() entitlementId!: string;
  @OutStr(60) ruleKey!: string;
}

@ObjectType('PaymentCycleComputation')
export class ComputeResultObject {
  @OutObj(() => CycleObject) cycle!: CycleObject;
  @OutObj(() => UnpricedObject, { array: true, maxItems: 100 }) unpriced!: UnpricedObject[];
  @OutInt() elapsedMs!: number;
}

@ObjectType('PaymentLine')
export class LineObject {
  @OutId() id!: string;
  @OutInt() lineNo!: number;
  @OutEnum(GqlLineKind, LINE_KINDS) kind!: string;
  @OutId({ nullable: true }) entitlementId!: string | null;
  @OutId({ nullable: true }) carriedFromLineId!: string | null;
  @OutId() personId!: string;
  @OutStr(200) personName!: string;
  @OutDate() forMonth!: string;
  @OutEnum(GqlScheme, BENEFIT_SCHEMES) scheme!: string;
  @OutStr(80) ruleKey!: string;
  @OutVnd() rate!: number;
  @OutInt({ nullable: true }) coefficientHundredths!: number | null;
  @OutVnd({ description: 'Negative for a recovery' }) amount!: number;
  @OutStr(1000) legalBasis!: string;
  @OutStr(1000) explanation!: string;
  @OutEnum(GqlPaymentMethod, PAYMENT_METHODS) paymentMethod!: string;
  @OutStr(24) instructionId!: string;
  @OutEnum(GqlPaymentStatus, PAYMENT_STATUSES) paymentStatus!: string;
  @OutStr(500, { nullable: true }) statusReason!: string | null;
}

@ObjectType('PaymentLinePage')
export class LinePageObject {
  @OutObj(() => LineObject, { array: true }) items!: LineObject[];
  @OutStr(100, { nullable: true }) nextCursor!: string | null;
}

@ObjectType('PaymentAccount', { description: 'Account number masked to its last four characters' })
export class PaymentAccountObject {
  @OutId() id!: string;
  @OutId() personId!: string;
  @OutEnum(GqlAccountMethod, ACCOUNT_METHODS) method!: string;
  @OutStr(20, { nullable: true }) bankCode!: string | null;
  @OutStr(12, { nullable: true, example: '••••••4556' }) accountNumberMasked!: string | null;
  @OutStr(200, { nullable: true }) holderNameMasked!: string | null;
  @OutBool({ nullable: true }) holderNameMatches!: boolean | null;
  @OutStr(200, { nullable: true }) postOffice!: string | null;
  @OutStr(10) state!: string;
  @OutInstant() createdAt!: Date;
}

@ObjectType('PaymentAccountList')
export class PaymentAccountListObject {
  @OutObj(() => PaymentAccountObject, { array: true, maxItems: 50 }) items!: PaymentAccountObject[];
}

/** REST only: the audited single read. */
export class RevealedAccountObject extends PaymentAccountObject {
  @OutStr(34, { nullable: true }) accountNumber!: string | null;
  @OutStr(200, { nullable: true }) holderName!: string | null;
}

@ObjectType('ReconciliationSummary')
export class ReconcileSummaryObject {
  @OutId() fileId!: string;
  @OutBool({ description: 'The same file was applied before: nothing changed' }) alreadyApplied!: boolean;
  @OutInt() paid!: number;
  @OutInt() failed!: number;
  @OutInt() reversed!: number;
  @OutInt() uncollected!: number;
  @OutInt() unchanged!: number;
  @OutInt() suspendedEntitlements!: number;
  @OutEnum(GqlCycleState, CYCLE_STATES) cycleState!: string;
}

@ObjectType('PaymentException')
export class PaymentExceptionObject {
  @OutId() id!: string;
  @OutId() lineId!: string;
  @OutId() unitId!: string;
  @OutEnum(GqlExceptionKind, EXCEPTION_KINDS) kind!: string;
  @OutStr(500) reason!: string;
  @OutEnum(GqlExceptionState, EXCEPTION_STATES) state!: string;
  @OutStr(24) instructionId!: string;
  @OutId() personId!: string;
  @OutStr(200) personName!: string;
  @OutVnd() amount!: number;
  @OutDate() forMonth!: string;
  @OutInstant() createdAt!: Date;
}

@ObjectType('PaymentExceptionPage')
export class PaymentExceptionPageObject {
  @OutObj(() => PaymentExceptionObject, { array: true }) items!: PaymentExceptionObject[];
  @OutStr(100, { nullable: true }) nextCursor!: string | null;
}

@ObjectType('CoverageFigure')
export class CoverageFigureObject {
  @OutId({ nullable: true }) unitId!: string | null;
  @OutEnum(GqlCoverageGroup, COVERAGE_GROUPS, {
    nullable: true,
    description: 'Null: all groups (distinct people)',
  })
  group!: string | null;
  @OutInt() eligible!: number;
  @OutInt() withAccount!: number;
  @OutInt({ nullable: true, description: 'Basis points, half-up (7477 = 74.77%)' }) shareBasisPoints!:
    number | null;
  @OutStr(7, { nullable: true }) sharePercent!: string | null;
}

@ObjectType('PaymentCoverage')
export class CoverageObject {
  @OutDate() date!: string;
  @OutObj(() => CoverageFigureObject, { array: true, maxItems: 10_000 }) rows!: CoverageFigureObject[];
  @OutObj(() => CoverageFigureObject, { array: true, maxItems: 3 }) groups!: CoverageFigureObject[];
  @OutObj(() => CoverageFigureObject) total!: CoverageFigureObject;
}

@ObjectType('PaidThroughAccounts')
export class PaidThroughAccountsObject {
  @OutDate() from!: string;
  @OutDate() to!: string;
  @OutInt() people!: number;
  @OutVnd() amount!: number;
  @OutInt() cumulativePeople!: number;
  @OutVnd() cumulativeAmount!: number;
}

@ObjectType('FuneralSupportGrant')
export class FuneralGrantObject {
  @OutId() id!: string;
  @OutVnd() amount!: number;
  @OutStr(1000) explanation!: string;
  @OutStr(1000) legalBasis!: string;
}

export const GqlDeathRegistrationOutcome = gqlEnum(
  'DeathRegistrationOutcomeKind',
  DEATH_REGISTRATION_OUTCOMES,
  'What a death-registration dossier (liên thông khai tử) led to: funeral support granted, or why not',
);

@ObjectType('DeathRegistrationOutcome')
export class DeathRegistrationObject {
  @OutId() id!: string;
  @OutId() dossierId!: string;
  @OutStr(60) dossierCode!: string;
  @OutStr(60) procedureCode!: string;
  @OutId({ nullable: true, description: 'The deceased in the registry' }) personId!: string | null;
  @OutId({ nullable: true, description: 'The unit whose next cycle pays' }) unitId!: string | null;
  @OutDate({ nullable: true }) deathDate!: string | null;
  @OutEnum(GqlDeathRegistrationOutcome, DEATH_REGISTRATION_OUTCOMES) outcome!: string;
  @OutStr(2000) reason!: string;
  @OutId({ nullable: true, description: 'The funeral-support one-off, when granted' }) oneOffId!: string | null;
  @OutBool({ description: 'This dossier recorded the death in the registry' }) deathRecorded!: boolean;
  @OutInt() entitlementsEnded!: number;
  @OutInstant() createdAt!: Date;
}

@ObjectType('DeathRegistrationOutcomePage')
export class DeathRegistrationPageObject {
  @OutObj(() => DeathRegistrationObject, { array: true }) items!: DeathRegistrationObject[];
  @OutStr(100, { nullable: true }) nextCursor!: string | null;
}
