import { Module } from '@nestjs/common';
import { ProcedureVersionStore } from 'src/modules/procedures/persistence/procedure-version.store';
import { ProcedureDecisionsService } from 'src/modules/procedures/procedure-decisions.service';
import { ProceduresService } from 'src/modules/procedures/procedures.service';

/**
 * Procedure catalog: procedures and their versions, publication decisions, search, public catalog, import/export
 * and statistics. Other modules use ProceduresService (versionInForce) and nothing else.
 */
@Module({
  providers: [ProcedureVersionStore, ProceduresService, ProcedureDecisionsService],
  exports: [ProceduresService, ProcedureDecisionsService],
})
export class ProceduresModule {}
