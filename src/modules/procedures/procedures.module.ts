import { Module } from '@nestjs/common';
import { ProcedureCatalogIoService } from 'src/modules/procedures/io/procedure-catalog-io.service';
import { ProcedureVersionStore } from 'src/modules/procedures/persistence/procedure-version.store';
import { ProcedureCatalogIoController } from 'src/modules/procedures/procedure-catalog-io.controller';
import { ProcedureDecisionsController } from 'src/modules/procedures/procedure-decisions.controller';
import { ProcedureDecisionsService } from 'src/modules/procedures/procedure-decisions.service';
import { ProcedureStatisticsService } from 'src/modules/procedures/procedure-statistics.service';
import {
  ProceduresController,
  ProcedureVersionsController,
} from 'src/modules/procedures/procedures.controller';
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
    ProcedureCatalogIoController,
    ProceduresController,
    ProcedureVersionsController,
    ProcedureDecisionsController,
  ],
  providers: [
    ProcedureVersionStore,
    ProceduresService,
    ProcedureDecisionsService,
    ProcedureStatisticsService,
    ProcedureCatalogIoService,
    ProceduresResolver,
  ],
  exports: [ProceduresService, ProcedureDecisionsService],
})
export class ProceduresModule {}
