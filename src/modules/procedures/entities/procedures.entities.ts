import {
  ProcedureDecisionEntity,
  ProcedureEntity,
  ProcedureFieldEntity,
} from 'src/modules/procedures/entities/procedure.entity';
import {
  ProcedureDecisionItemEntity,
  ProcedureDocumentEntity,
  ProcedureFeeEntity,
  ProcedureLegalBasisEntity,
  ProcedureStepEntity,
} from 'src/modules/procedures/entities/procedure-parts.entity';
import { ProcedureVersionEntity } from 'src/modules/procedures/entities/procedure-version.entity';

/** Every entity of the procedures module, for src/database/entities.ts. */
export const PROCEDURE_ENTITIES: Function[] = [
  ProcedureFieldEntity,
  ProcedureDecisionEntity,
  ProcedureEntity,
  ProcedureVersionEntity,
  ProcedureDecisionItemEntity,
  ProcedureLegalBasisEntity,
  ProcedureDocumentEntity,
  ProcedureFeeEntity,
  ProcedureStepEntity,
];
