import { Module } from '@nestjs/common';
import { ProcedureVersionStore } from 'src/modules/procedures/persistence/procedure-version.store';
import { ProcedureDecisionsController } from 'src/modules/procedures/procedure-decisions.controller';
import { ProcedureDecisionsService } from 'src/modules/procedures/procedure-decisions.service';
import { ProcedureStatisticsService } from 'src/modules/procedures/procedure-statistics.service';
import { ProceduresController, ProcedureVersionsController } from 'src/modules/procedures/procedures.controller';
import { ProceduresResolver } from 'src/modules/procedures/procedures.resolver';
import { ProceduresService } from 'src/modules/procedures/procedures.service';
import { PublicProceduresController } from 'src/modules/procedures/public-procedures.controller';

/**
 * Procedure catalog: procedures and their versions, publication decisions, search, public catalog, import/export
 * and statistics. Other modules use ProceduresService (versionInForce) and nothing else.
 */
@Module({
  controllers: [
    PublicProceduresController,
    ProceduresController,
    ProcedureVersionsController,
    ProcedureDecisionsController,
  ],
  providers: [
    ProcedureVersionStore,
    ProceduresService,
    ProcedureDecisionsService,
    ProcedureStatisticsService,
    ProceduresResolver,
  ],
  exports: [ProceduresService, ProcedureDecisionsService],
})
export class ProceduresModule {}
