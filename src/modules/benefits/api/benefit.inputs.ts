import { ArgsType, InputType } from '@nestjs/graphql';
import { InBool, InDate, InEnum, InId, InInt, InStr, MONTH_PATTERN } from 'src/common/http/api-fields';
import {
  ACCOUNT_METHODS,
  EXCEPTION_STATES,
  ENTITLEMENT_STATES,
  GqlAccountMethod,
  GqlCycleState,
  GqlDeathRegistrationOutcome,
  GqlEntitlementState,
  GqlExceptionState,
  GqlLineKind,
  GqlMeritTable,
  GqlPaymentStatus,
  GqlRateScope,
  GqlScheme,
} from 'src/modules/benefits/api/benefit.objects';
import { DEATH_REGISTRATION_OUTCOMES } from 'src/modules/benefits/deaths/death-registration.model';
import { CYCLE_STATES, LINE_KINDS, PAYMENT_STATUSES } from 'src/modules/benefits/cycles/cycle.model';
import { BENEFIT_SCHEMES, MERIT_TABLES, RATE_SCOPES } from 'src/modules/benefits/domain/rules.model';

const RULE_KEY = /^[A-Z0-9_-]{1,60}$/;

@InputType('ComputePaymentCycleInput')
export class ComputeCycleInput {
  @InId({ description: 'The paying unit (commune or province)' }) unitId!: string;
  @InStr(10, { pattern: MONTH_PATTERN, example: '2024-09', description: 'YYYY-MM' }) period!: string;
}

@InputType('ApprovePaymentCycleInput')
export class ApproveCycleInput {
  @InInt(0, Number.MAX_SAFE_INTEGER, {
    description: 'Control total from the checked list (VND)',
    example: 1_170_000,
  })
  expectedTotalAmount!: number;
  @InInt(0, 10_000_000, { description: 'Control line count', example: 3 }) expectedLineCount!: number;
}

@InputType('CreateEntitlementInput')
export class CreateEntitlementInput {
  @InId() personId!: string;
  @InId({ description: 'The registry status (social protection, merit profile or relative)' })
  statusId!: string;
  @InEnum(GqlMeritTable, MERIT_TABLES, { nullable: true }) ruleTable?: string;
  @InStr(60, { nullable: true, pattern: RULE_KEY, example: 'K5A_60_TO_80' }) ruleKey?: string;
  @InInt(1, 100, { nullable: true, description: 'War invalid / sick soldier: picks the table row' })
  injuryRate?: number;
  @InInt(1, 30, { nullable: true, description: 'K4 single parent: children raised' }) children?: number;
  @InDate({ nullable: true, description: 'Defaults to the decision’s effective date' }) startDate?: string;
  @InDate({ nullable: true, description: 'Exclusive; defaults to the status end' }) endDate?: string;
  @InDate({ nullable: true, description: 'Months before were paid outside An Sinh' }) settledBefore?: string;
  @InId({ nullable: true, description: 'Paying unit; defaults to the person’s residence' }) unitId?: string;
}

@InputType('EndEntitlementInput')
export class EndEntitlementInput {
  @InDate({ description: 'Exclusive end; may be in the past (recoveries follow)' }) endDate!: string;
  @InStr(500, { example: 'Từ trần ngày 15/09/2024' }) reason!: string;
}

@InputType('SuspendEntitlementInput')
export class SuspendEntitlementInput {
  @InDate({ nullable: true, description: 'First month suspended; null resumes' }) from?: string;
  @InStr(500, { nullable: true }) reason?: string;
}

@InputType('FuneralSupportInput')
export class FuneralSupportInput {
  @InId() personId!: string;
  @InEnum(GqlScheme, BENEFIT_SCHEMES) scheme!: string;
  @InDate() deathDate!: string;
  @InId() unitId!: string;
  @InStr(200, { example: 'Nguyễn Văn Con' }) payeeName!: string;
  @InId({ nullable: true, description: 'The death-registration dossier (inter-level group)' })
  dossierId?: string;
}

@InputType('RegisterPaymentAccountInput')
export class RegisterAccountInput {
  @InId() personId!: string;
  @InEnum(GqlAccountMethod, ACCOUNT_METHODS) method!: string;
  @InStr(20, { nullable: true, pattern: /^[A-Z0-9]{2,20}$/, example: 'VCB' }) bankCode?: string;
  @InStr(34, { nullable: true, pattern: /^[0-9A-Za-z]{6,34}$/, example: '0011223344556' })
  accountNumber?: string;
  @InStr(200, { nullable: true, example: 'NGUYEN VAN MOT' }) holderName?: string;
  @InStr(200, { nullable: true }) postOffice?: string;
}

@InputType('CreateBaseLevelInput')
export class CreateBaseLevelInput {
  @InEnum(GqlScheme, BENEFIT_SCHEMES) scheme!: string;
  @InEnum(GqlRateScope, RATE_SCOPES) scope!: string;
  @InId({ nullable: true, description: 'Province unit for PROVINCE scope' }) unitId?: string;
  @InInt(1, 100_000_000, { example: 650_000 }) amount!: number;
  @InDate() effectiveFrom!: string;
  @InStr(500, { example: 'Nghị quyết 63/2025/NQ-HĐND' }) legalBasis!: string;
  @InBool({ nullable: true }) unconfirmed?: boolean;
  @InStr(1000, { nullable: true }) note?: string;
}

export class ReconcileInput {
  @InStr(20_000_000, { description: 'Result CSV: instruction_id,status[,amount,reason,bank_reference]' })
  content!: string;
}

@ArgsType()
export class CalculationArgs {
  @InEnum(GqlScheme, BENEFIT_SCHEMES) scheme!: string;
  @InStr(60, { pattern: RULE_KEY, description: 'Group code, or the table key for MERIT' }) ruleKey!: string;
  @InEnum(GqlMeritTable, MERIT_TABLES, { nullable: true }) ruleTable?: string;
  @InStr(10, { pattern: MONTH_PATTERN }) month!: string;
  @InInt(1, 30, { nullable: true }) children?: number;
  @InId({ nullable: true, description: 'Unit whose province base may apply' }) unitId?: string;
}

@ArgsType()
export class CycleListArgs {
  @InId({ nullable: true }) unitId?: string;
  @InEnum(GqlCycleState, CYCLE_STATES, { nullable: true }) state?: string;
  @InStr(10, { nullable: true, pattern: MONTH_PATTERN }) fromPeriod?: string;
  @InStr(10, { nullable: true, pattern: MONTH_PATTERN }) toPeriod?: string;
  @InInt(1, 500, { nullable: true }) limit?: number;
  @InStr(100, { nullable: true }) cursor?: string;
}

@ArgsType()
export class LineListArgs {
  @InEnum(GqlLineKind, LINE_KINDS, { nullable: true }) kind?: string;
  @InEnum(GqlPaymentStatus, PAYMENT_STATUSES, { nullable: true }) status?: string;
  @InId({ nullable: true }) personId?: string;
  @InInt(1, 500, { nullable: true }) limit?: number;
  @InStr(100, { nullable: true }) cursor?: string;
}

@ArgsType()
export class EntitlementListArgs {
  @InId({ nullable: true }) unitId?: string;
  @InId({ nullable: true }) personId?: string;
  @InEnum(GqlEntitlementState, ENTITLEMENT_STATES, { nullable: true }) state?: string;
  @InInt(1, 500, { nullable: true }) limit?: number;
  @InStr(100, { nullable: true }) cursor?: string;
}

@ArgsType()
export class ExceptionListArgs {
  @InId({ nullable: true }) unitId?: string;
  @InEnum(GqlExceptionState, EXCEPTION_STATES, { nullable: true }) state?: string;
  @InInt(1, 500, { nullable: true }) limit?: number;
  @InStr(100, { nullable: true }) cursor?: string;
}

@ArgsType()
export class CoverageArgs {
  @InDate() date!: string;
  @InId({ nullable: true }) unitId?: string;
}

@ArgsType()
export class PaidArgs {
  @InStr(10, { pattern: MONTH_PATTERN }) from!: string;
  @InStr(10, { pattern: MONTH_PATTERN }) to!: string;
  @InId({ nullable: true }) unitId?: string;
}

@ArgsType()
export class DeathRegistrationListArgs {
  @InId({ nullable: true }) personId?: string;
  @InId({ nullable: true }) dossierId?: string;
  @InEnum(GqlDeathRegistrationOutcome, DEATH_REGISTRATION_OUTCOMES, { nullable: true }) outcome?: string;
  @InInt(1, 500, { nullable: true }) limit?: number;
  @InStr(100, { nullable: true }) cursor?: string;
}
