import { gqlEnum } from 'src/common/http/api-fields';
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

/** The catalog's GraphQL enums (field helpers: src/common/http/api-fields.ts). */
export const GqlProcedureLevel = gqlEnum('ProcedureLevel', PROCEDURE_LEVELS, 'Cấp thực hiện');
export const GqlTimeUnit = gqlEnum('TimeUnit', TIME_UNITS, 'Unit of a time limit, as the source states it');
export const GqlReceiptChannel = gqlEnum('ReceiptChannel', RECEIPT_CHANNELS, 'Direct, online, public postal service');
export const GqlOnlineMode = gqlEnum('OnlineMode', ONLINE_MODES, 'Decree 42/2022: FULL toàn trình, PARTIAL một phần');
export const GqlFeePolicy = gqlEnum('FeePolicy', FEE_POLICIES);
export const GqlResultKind = gqlEnum('ProcedureResultKind', RESULT_KINDS);
export const GqlRegistrySource = gqlEnum('RegistrySource', REGISTRY_SOURCES);
export const GqlDecisionAction = gqlEnum('DecisionAction', DECISION_ACTIONS);
export const GqlDecisionStatus = gqlEnum('DecisionStatus', DECISION_STATUSES);
export const GqlCatalogStatus = gqlEnum('CatalogStatus', CATALOG_STATUSES);
