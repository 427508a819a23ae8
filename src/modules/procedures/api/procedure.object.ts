import { ObjectType } from '@nestjs/graphql';
import { OutBool, OutDate, OutEnum, OutInt, OutNum, OutObj, OutStr, OutStrList } from 'src/common/http/api-fields';
import {
  GqlCatalogStatus,
  GqlDecisionAction,
  GqlDecisionStatus,
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
  DECISION_STATUSES,
  FEE_POLICIES,
  ONLINE_MODES,
  PROCEDURE_LEVELS,
  RECEIPT_CHANNELS,
  REGISTRY_SOURCES,
  RESULT_KINDS,
  TIME_UNITS,
} from 'src/modules/procedures/domain/procedure.types';
import { CATALOG_STATUSES } from 'src/modules/procedures/procedures.service';

/** Output types of the catalog (GraphQL object types and REST response schemas). Mapped in procedure.mapper.ts. */
@ObjectType('Amount')
export class AmountObject {
  @OutNum() amount!: number;
  @OutEnum(GqlTimeUnit, TIME_UNITS) unit!: string;
  @OutStr(100, { description: 'Vietnamese wording, e.g. "10 ngày làm việc"' }) text!: string;
}

@ObjectType('LegalBasis')
export class LegalBasisObject {
  @OutStr(200) documentNumber!: string;
  @OutDate({ nullable: true }) documentDate!: string | null;
  @OutStr(300, { nullable: true }) article!: string | null;
  @OutStr(1000, { nullable: true }) note!: string | null;
}

@ObjectType('RequiredDocument')
export class RequiredDocumentObject {
  @OutStr(40) code!: string;
  @OutStr(1000) name!: string;
  @OutInt() originals!: number;
  @OutInt() copies!: number;
  @OutBool() certifiedCopyAccepted!: boolean;
  @OutBool() mandatory!: boolean;
  @OutStr(500, { nullable: true }) templateFile!: string | null;
  @OutEnum(GqlRegistrySource, REGISTRY_SOURCES, { nullable: true }) registrySource!: string | null;
  @OutStr(1000, { nullable: true }) note!: string | null;
}

@ObjectType('FeeItem')
export class FeeItemObject {
  @OutStr(500) name!: string;
  @OutNum({ nullable: true, description: 'Integer VND' }) amountVnd!: number | null;
  @OutStr(1000, { nullable: true }) note!: string | null;
}

@ObjectType('ProcessStep')
export class ProcessStepObject {
  @OutInt() seq!: number;
  @OutStr(1000) name!: string;
  @OutStr(200) role!: string;
  @OutEnum(GqlProcedureLevel, PROCEDURE_LEVELS, { nullable: true }) level!: string | null;
  @OutStr(500, { nullable: true }) agencyName!: string | null;
  @OutObj(() => AmountObject, { nullable: true }) budget!: AmountObject | null;
}

/** One procedure version. Null fields are values the source did not state; `notStated` lists them by name. */
@ObjectType('ProcedureVersion')
export class ProcedureVersionObject {
  @OutStr(36) id!: string;
  @OutStr(60, { example: '1.001978' }) code!: string;
  @OutStr(8, { nullable: true }) nationalCode!: string | null;
  @OutStr(60, { nullable: true }) portalCode!: string | null;
  @OutInt() versionNo!: number;
  @OutEnum(GqlDecisionAction, DECISION_ACTIONS) changeKind!: string;
  @OutDate({ nullable: true, description: 'In force from (null: before our records)' }) validFrom!:
    string | null;
  @OutDate({ nullable: true, description: 'In force until, exclusive (null: open)' }) validTo!: string | null;
  @OutDate({ nullable: true }) abolishedOn!: string | null;
  @OutStr(36) decisionId!: string;
  @OutStr(100, { nullable: true }) decisionNumber!: string | null;
  @OutStr(1000) name!: string;
  @OutStr(60) fieldCode!: string;
  @OutStr(200) fieldName!: string;
  @OutStr(300, { nullable: true }) fieldText!: string | null;
  @OutEnum(GqlProcedureLevel, PROCEDURE_LEVELS, { array: true }) levels!: string[];
  @OutStr(300, { nullable: true }) levelText!: string | null;
  @OutBool() interLevel!: boolean;
  @OutStr(36, { nullable: true }) implementingAgencyId!: string | null;
  @OutStr(1000, { nullable: true }) implementingAgencyName!: string | null;
  @OutStr(36, { nullable: true }) decidingAgencyId!: string | null;
  @OutStr(1000, { nullable: true }) decidingAgencyName!: string | null;
  @OutObj(() => AmountObject, { nullable: true }) timeLimit!: AmountObject | null;
  @OutStr(300, { description: 'The limit in words, or "Nguồn không ghi (not stated in the source)"' })
  timeLimitDisplay!: string;
  @OutStr(2000, { nullable: true }) timeLimitText!: string | null;
  @OutObj(() => AmountObject, { nullable: true }) norm!: AmountObject | null;
  @OutEnum(GqlReceiptChannel, RECEIPT_CHANNELS, { array: true, nullable: true }) channels!: string[] | null;
  @OutEnum(GqlOnlineMode, ONLINE_MODES, { nullable: true }) onlineMode!: string | null;
  @OutInt({ nullable: true }) legacyOnlineLevel!: number | null;
  @OutEnum(GqlFeePolicy, FEE_POLICIES, { nullable: true }) feePolicy!: string | null;
  @OutStr(2000, { nullable: true }) feeText!: string | null;
  @OutObj(() => FeeItemObject, { array: true, maxItems: 50 }) fees!: FeeItemObject[];
  @OutEnum(GqlResultKind, RESULT_KINDS, { nullable: true }) resultKind!: string | null;
  @OutStr(1000, { nullable: true }) resultText!: string | null;
  @OutBool({ nullable: true }) pausable!: boolean | null;
  @OutBool({ nullable: true }) extensionAllowed!: boolean | null;
  @OutStr(100, { nullable: true }) province!: string | null;
  @OutStr(4000, { nullable: true }) notes!: string | null;
  @OutBool({ description: 'Some values of this version come from an unconfirmed source' })
  unconfirmed!: boolean;
  @OutObj(() => LegalBasisObject, { array: true, maxItems: 50 }) legalBases!: LegalBasisObject[];
  @OutObj(() => RequiredDocumentObject, { array: true, maxItems: 100 }) documents!: RequiredDocumentObject[];
  @OutObj(() => ProcessStepObject, { array: true, maxItems: 50 }) steps!: ProcessStepObject[];
  @OutStrList(40, { description: 'Fields the source did not state ("not stated in the source")' })
  notStatedFields!: string[];
}

@ObjectType('ProcedurePage')
export class ProcedurePageObject {
  @OutObj(() => ProcedureVersionObject, { array: true }) items!: ProcedureVersionObject[];
  @OutInt() totalCount!: number;
  @OutStr(500, { nullable: true }) nextCursor!: string | null;
  @OutEnum(GqlCatalogStatus, CATALOG_STATUSES) status!: string;
  @OutDate() onDate!: string;
}

@ObjectType('DecisionItem')
export class DecisionItemObject {
  @OutInt() seq!: number;
  @OutEnum(GqlDecisionAction, DECISION_ACTIONS) action!: string;
  @OutStr(60) procedureCode!: string;
  @OutStr(1000, { nullable: true }) procedureName!: string | null;
  @OutStr(2000, { nullable: true }) reason!: string | null;
  @OutStr(36, { nullable: true }) resultingVersionId!: string | null;
  @OutEnum(GqlProcedureLevel, PROCEDURE_LEVELS, { array: true }) levels!: string[];
}

@ObjectType('ProcedureDecision')
export class DecisionObject {
  @OutStr(36) id!: string;
  @OutStr(100, { nullable: true }) number!: string | null;
  @OutStr(1000, { nullable: true }) title!: string | null;
  @OutStr(300, { nullable: true }) issuer!: string | null;
  @OutStr(200, { nullable: true }) signer!: string | null;
  @OutDate({ nullable: true }) signedOn!: string | null;
  @OutDate({ nullable: true }) effectiveFrom!: string | null;
  @OutStr(200, { nullable: true }) dateText!: string | null;
  @OutEnum(GqlDecisionStatus, DECISION_STATUSES) status!: string;
  @OutBool() unconfirmed!: boolean;
  @OutStr(4000, { nullable: true }) notes!: string | null;
  @OutStr(200, { nullable: true }) createdBy!: string | null;
  @OutStr(40) createdAt!: string;
  @OutStr(40, { nullable: true }) appliedAt!: string | null;
  @OutObj(() => DecisionItemObject, { array: true }) items!: DecisionItemObject[];
}

@ObjectType('ProcedureDecisionPage')
export class DecisionPageObject {
  @OutObj(() => DecisionObject, { array: true }) items!: DecisionObject[];
  @OutStr(500, { nullable: true }) nextCursor!: string | null;
}

@ObjectType('VersionDiffEntry')
export class VersionDiffEntryObject {
  @OutStr(20, { description: 'FIELDS, TIME_LIMIT, FEES, DOCUMENTS, STEPS, LEGAL_BASIS' }) section!: string;
  @OutStr(10, { description: 'ADDED, REMOVED, CHANGED' }) change!: string;
  @OutStr(100) path!: string;
  @OutStr(20000, { nullable: true, description: 'JSON' }) before!: string | null;
  @OutStr(20000, { nullable: true, description: 'JSON' }) after!: string | null;
}

@ObjectType('VersionDiff')
export class VersionDiffObject {
  @OutStr(60) code!: string;
  @OutInt() fromVersionNo!: number;
  @OutInt() toVersionNo!: number;
  @OutObj(() => VersionDiffEntryObject, { array: true }) changes!: VersionDiffEntryObject[];
}
