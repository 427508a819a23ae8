import { InputType } from '@nestjs/graphql';
import { InBool, InDate, InEnum, InInt, InNum, InObj, InStr } from 'src/common/http/api-fields';
import {
  GqlDecisionAction,
  GqlFeePolicy,
  GqlOnlineMode,
  GqlProcedureLevel,
  GqlReceiptChannel,
  GqlRegistrySource,
  GqlResultKind,
  GqlTimeUnit,
} from 'src/modules/procedures/api/procedure-enums';
import {
  DECISION_ACTIONS,
  FEE_POLICIES,
  ONLINE_MODES,
  PROCEDURE_CODE_PATTERN,
  PROCEDURE_LEVELS,
  RECEIPT_CHANNELS,
  REGISTRY_SOURCES,
  RESULT_KINDS,
  TIME_UNITS,
  type DecisionAction,
  type FeePolicy,
  type OnlineMode,
  type ProcedureLevel,
  type ReceiptChannel,
  type RegistrySource,
  type ResultKind,
  type TimeUnit,
} from 'src/modules/procedures/domain/procedure.types';

/**
 * Inputs for publication decisions, shared by GraphQL (@InputType) and REST (@ApiProperty + class-validator):
 * the same bounds apply to both. Null / absent means "not stated in the decision".
 */
@InputType('AmountInput')
export class AmountInput {
  @InNum(0.01, 9999, { description: 'Amount (halves and quarters of a day are allowed)', example: 10 })
  amount!: number;
  @InEnum(GqlTimeUnit, TIME_UNITS)
  unit!: TimeUnit;
}

@InputType('LegalBasisInput')
export class LegalBasisInput {
  @InStr(200, { example: '131/2021/NĐ-CP' }) documentNumber!: string;
  @InDate({ nullable: true }) documentDate?: string | null;
  @InStr(300, { nullable: true, example: 'Điều 10' }) article?: string | null;
  @InStr(1000, { nullable: true }) note?: string | null;
}

@InputType('RequiredDocumentInput')
export class RequiredDocumentInput {
  @InStr(40, {
    pattern: /^[A-Z0-9][A-Z0-9_-]{0,39}$/,
    example: 'DON',
    description: 'Code unique in the procedure',
  })
  code!: string;
  @InStr(1000, { example: 'Đơn đề nghị (Mẫu số 01)' }) name!: string;
  @InInt(0, 99) originals!: number;
  @InInt(0, 99) copies!: number;
  @InBool({ description: 'A certified copy (bản sao chứng thực) is accepted' })
  certifiedCopyAccepted!: boolean;
  @InBool() mandatory!: boolean;
  @InStr(500, { nullable: true, description: 'Form template file (path or URL)' }) templateFile?:
    string | null;
  @InEnum(GqlRegistrySource, REGISTRY_SOURCES, {
    nullable: true,
    description: 'Fetched from this registry instead of asked from the citizen',
  })
  registrySource?: RegistrySource | null;
  @InStr(1000, { nullable: true }) note?: string | null;
}

@InputType('FeeItemInput')
export class FeeItemInput {
  @InStr(500, { example: 'Lệ phí cấp giấy phép' }) name!: string;
  @InInt(0, 2_000_000_000, { nullable: true, description: 'Integer VND; null when the fee is a rule' })
  amountVnd!: number | null;
  @InStr(1000, { nullable: true }) note?: string | null;
}

@InputType('ProcessStepInput')
export class ProcessStepInput {
  @InStr(1000, { example: 'Thẩm định hồ sơ' }) name!: string;
  @InStr(200, { example: 'SPECIALIST' }) role!: string;
  @InEnum(GqlProcedureLevel, PROCEDURE_LEVELS, { nullable: true }) level?: ProcedureLevel | null;
  @InStr(500, { nullable: true }) agencyName?: string | null;
  @InObj(() => AmountInput, { nullable: true, description: 'Share of the time limit' })
  budget?: AmountInput | null;
}

@InputType('ProcedureContentInput')
export class ProcedureContentInput {
  @InStr(60, { pattern: PROCEDURE_CODE_PATTERN, example: '1.001776' }) code!: string;
  @InStr(8, { nullable: true, pattern: /^[0-9]\.[0-9]{6}$/ }) nationalCode?: string | null;
  @InStr(60, { nullable: true, example: '1.001776.000.00.00.H40' }) portalCode?: string | null;
  @InStr(1000, { example: 'Giải quyết trợ cấp thất nghiệp' }) name!: string;
  @InStr(60, { pattern: /^[A-Z][A-Z0-9_]{1,59}$/, example: 'VIEC_LAM' }) fieldCode!: string;
  @InStr(300, { nullable: true }) fieldText?: string | null;
  @InEnum(GqlProcedureLevel, PROCEDURE_LEVELS, { array: true }) levels!: ProcedureLevel[];
  @InStr(300, { nullable: true }) levelText?: string | null;
  @InBool({ description: 'Liên thông: steps at several levels or agencies' }) interLevel!: boolean;
  @InStr(36, { nullable: true, pattern: /^[0-9a-f-]{36}$/ }) implementingAgencyId?: string | null;
  @InStr(1000, { nullable: true }) implementingAgencyName?: string | null;
  @InStr(36, { nullable: true, pattern: /^[0-9a-f-]{36}$/ }) decidingAgencyId?: string | null;
  @InStr(1000, { nullable: true }) decidingAgencyName?: string | null;
  @InObj(() => AmountInput, { nullable: true, description: 'Statutory limit; null = not stated' })
  timeLimit?: AmountInput | null;
  @InStr(2000, { nullable: true }) timeLimitText?: string | null;
  @InObj(() => AmountInput, { nullable: true, description: "The department's own service norm" })
  norm?: AmountInput | null;
  @InEnum(GqlReceiptChannel, RECEIPT_CHANNELS, { array: true, nullable: true }) channels?:
    ReceiptChannel[] | null;
  @InEnum(GqlOnlineMode, ONLINE_MODES, { nullable: true }) onlineMode?: OnlineMode | null;
  @InInt(1, 4, { nullable: true, description: 'Legacy level (Decree 43/2011)' }) legacyOnlineLevel?:
    number | null;
  @InEnum(GqlFeePolicy, FEE_POLICIES, { nullable: true }) feePolicy?: FeePolicy | null;
  @InStr(2000, { nullable: true }) feeText?: string | null;
  @InObj(() => FeeItemInput, { array: true, maxItems: 50 }) fees!: FeeItemInput[];
  @InEnum(GqlResultKind, RESULT_KINDS, { nullable: true }) resultKind?: ResultKind | null;
  @InStr(1000, { nullable: true }) resultText?: string | null;
  @InBool({ nullable: true, description: 'The clock can be paused for supplements' }) pausable?:
    boolean | null;
  @InBool({ nullable: true }) extensionAllowed?: boolean | null;
  @InStr(100, { nullable: true }) province?: string | null;
  @InStr(4000, { nullable: true }) notes?: string | null;
  @InBool({ nullable: true }) unconfirmed?: boolean;
  @InObj(() => LegalBasisInput, { array: true, maxItems: 50 }) legalBases!: LegalBasisInput[];
  @InObj(() => RequiredDocumentInput, { array: true, maxItems: 100 }) documents!: RequiredDocumentInput[];
  @InObj(() => ProcessStepInput, { array: true, maxItems: 50 }) steps!: ProcessStepInput[];
}

@InputType('DecisionItemInput')
export class DecisionItemInput {
  @InEnum(GqlDecisionAction, DECISION_ACTIONS) action!: DecisionAction;
  @InStr(60, { pattern: PROCEDURE_CODE_PATTERN, example: '1.001978' }) procedureCode!: string;
  @InObj(() => ProcedureContentInput, {
    nullable: true,
    description: 'Full new content; absent for ABOLISHED',
  })
  content?: ProcedureContentInput | null;
  @InStr(2000, { nullable: true }) reason?: string | null;
}

@InputType('CreateDecisionInput')
export class CreateDecisionInput {
  @InStr(100, { example: '3783/QĐ-UBND' }) number!: string;
  @InStr(1000, { nullable: true }) title?: string | null;
  @InStr(300, { nullable: true, example: 'UBND tỉnh Nghệ An' }) issuer?: string | null;
  @InStr(200, { nullable: true, example: 'Chủ tịch UBND tỉnh' }) signer?: string | null;
  @InDate({ example: '2026-03-01' }) signedOn!: string;
  @InDate({ example: '2026-03-01' }) effectiveFrom!: string;
  @InStr(4000, { nullable: true }) notes?: string | null;
  @InObj(() => DecisionItemInput, { array: true, maxItems: 500 }) items!: DecisionItemInput[];
  @InBool({ nullable: true, description: 'Apply at once (default false: a draft)' })
  apply?: boolean;
}
