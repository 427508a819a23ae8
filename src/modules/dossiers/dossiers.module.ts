import { Module } from '@nestjs/common';
import { AppConfig } from 'src/config/app-config';
import { ProcedureCatalogAdapter, WorkingCalendarAdapter } from 'src/modules/dossiers/dossier-adapters';
import { DossierCalendarPort, DossierClock, ProcedureCatalogPort } from 'src/modules/dossiers/dossier-ports';
import { FileStore, LocalDiskFileStore, S3FileStore } from 'src/common/storage/file-store';
import { LegacyDossierRecordsService } from 'src/modules/dossiers/legacy/legacy-dossier-records.service';
import { DossiersResolver } from 'src/modules/dossiers/graphql/dossiers.resolver';
import { DossierPdfService } from 'src/modules/dossiers/pdf/dossier-pdf.service';
import { DossierCodeService } from 'src/modules/dossiers/persistence/dossier-code.service';
import { DossierJournalService } from 'src/modules/dossiers/persistence/dossier-journal.service';
import { DossierStoreService } from 'src/modules/dossiers/persistence/dossier-store.service';
import { IdempotencyService } from 'src/modules/dossiers/persistence/idempotency.service';
import { DossiersController } from 'src/modules/dossiers/rest/dossiers.controller';
import { TrackingController, TrackingRateLimiter } from 'src/modules/dossiers/rest/tracking.controller';
import { DossierDeadlineService } from 'src/modules/dossiers/services/dossier-deadline.service';
import { DossierOutcomeService } from 'src/modules/dossiers/services/dossier-outcome.service';
import { DossierProcessingService } from 'src/modules/dossiers/services/dossier-processing.service';
import { DossierReceiptService } from 'src/modules/dossiers/services/dossier-receipt.service';
import { DossiersService } from 'src/modules/dossiers/services/dossiers.service';
import { ProceduresModule } from 'src/modules/procedures/procedures.module';
import { RegistryModule } from 'src/modules/registry/registry.module';

/**
 * Dossier lifecycle at the one-stop desk (issue 6). Other modules use DossiersService (reads),
 * DossierReceiptService, DossierProcessingService and DossierOutcomeService (writes), LegacyDossierRecordsService
 * (history from older software, bulk), and consume the
 * `dossier.*` events from `outbox_events` (aggregate_type 'dossier').
 */
@Module({
  imports: [ProceduresModule, RegistryModule],
  controllers: [DossiersController, TrackingController],
  providers: [
    DossierClock,
    TrackingRateLimiter,
    DossierCodeService,
    DossierJournalService,
    DossierStoreService,
    IdempotencyService,
    DossierReceiptService,
    DossierProcessingService,
    DossierOutcomeService,
    DossierDeadlineService,
    DossiersService,
    DossierPdfService,
    LegacyDossierRecordsService,
    DossiersResolver,
    { provide: DossierCalendarPort, useClass: WorkingCalendarAdapter },
    { provide: ProcedureCatalogPort, useClass: ProcedureCatalogAdapter },
    {
      provide: FileStore,
      inject: [AppConfig],
      useFactory: (config: AppConfig): FileStore => {
        if (config.dossiers.fileStoreDriver !== 's3') return new LocalDiskFileStore(config.storage.dir);
        const { endpoint, bucket, accessKeyId, secretAccessKey, region } = config.dossiers.s3;
        if (!endpoint || !bucket || !accessKeyId || !secretAccessKey)
          throw new Error('FILE_STORE_DRIVER=s3 needs S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY');
        return new S3FileStore({ endpoint, bucket, accessKeyId, secretAccessKey, region });
      },
    },
  ],
  exports: [
    DossiersService,
    DossierReceiptService,
    DossierProcessingService,
    DossierOutcomeService,
    DossierClock,
    LegacyDossierRecordsService,
  ],
})
export class DossiersModule {}
