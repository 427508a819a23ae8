import { Module } from '@nestjs/common';
import { ProcessingReportController } from 'src/modules/reports/processing/processing-report.controller';
import { ProcessingReportService } from 'src/modules/reports/processing/processing-report.service';
import { ProcessingRollupService } from 'src/modules/reports/rollups/processing-rollup.service';
import { ReportPool } from 'src/modules/reports/rollups/report-pool.service';
import { RollupJobs } from 'src/modules/reports/rollups/rollup.jobs';
import { ProcessingReportQueryService } from 'src/modules/reports/processing/processing-report-query.service';
import { ProcessingReportResolver } from 'src/modules/reports/processing/processing-report.resolver';
import { FileStore, LocalDiskFileStore } from 'src/common/storage/file-store';
import { AppConfig } from 'src/config/app-config';
import { ProcessingReportProducer } from 'src/modules/reports/scheduled/processing-report.producer';
import { ReportFilesClock } from 'src/modules/reports/scheduled/report-files-clock';
import { ReportFilesController } from 'src/modules/reports/scheduled/report-files.controller';
import { ReportFilesJobs } from 'src/modules/reports/scheduled/report-files.jobs';
import { ReportFilesResolver } from 'src/modules/reports/scheduled/report-files.resolver';
import { ReportFilesService } from 'src/modules/reports/scheduled/report-files.service';
import { ScheduledReportProducers } from 'src/modules/reports/scheduled/scheduled-report-producer';
import { DigitisationModule } from 'src/modules/digitisation/digitisation.module';
import { CatalogReportService } from 'src/modules/reports/catalog/catalog-report.service';
import { DigitisationReportService } from 'src/modules/reports/digitisation/digitisation-report.service';
import { ReportFilterService } from 'src/modules/reports/filters/report-filter.service';
import { OnlineShareService } from 'src/modules/reports/online/online-share.service';
import { ServiceIndexService } from 'src/modules/reports/service-index/service-index.service';
import { CatalogReportController } from 'src/modules/reports/catalog/catalog-report.controller';
import { CatalogReportResolver } from 'src/modules/reports/catalog/catalog-report.resolver';
import { DigitisationReportController } from 'src/modules/reports/digitisation/digitisation-report.controller';
import { DigitisationReportResolver } from 'src/modules/reports/digitisation/digitisation-report.resolver';
import { OnlineShareController } from 'src/modules/reports/online/online-share.controller';
import { OnlineShareResolver } from 'src/modules/reports/online/online-share.resolver';
import { ServiceIndexController } from 'src/modules/reports/service-index/service-index.controller';
import { ServiceIndexResolver } from 'src/modules/reports/service-index/service-index.resolver';
import { RegistriesReportController } from 'src/modules/reports/registries/registries-report.controller';
import { RegistriesReportResolver } from 'src/modules/reports/registries/registries-report.resolver';
import { RegistriesReportService } from 'src/modules/reports/registries/registries-report.service';
import { ReportUnitsService } from 'src/modules/reports/registries/report-units.service';
import { PaymentsReportController } from 'src/modules/reports/payments/payments-report.controller';
import { PaymentsReportResolver } from 'src/modules/reports/payments/payments-report.resolver';
import { PaymentsReportService } from 'src/modules/reports/payments/payments-report.service';
import {
  AccountCoverageProducer,
  PaidThroughAccountsProducer,
} from 'src/modules/reports/payments/payments-report.producer';
import { OnlineShareProducer } from 'src/modules/reports/online/online-share.producer';
import { DigitisationReportProducer } from 'src/modules/reports/digitisation/digitisation-report.producer';
import { ServiceIndexProducer } from 'src/modules/reports/service-index/service-index.producer';

/** Published figures: Form II.06a with drill-down and exports (issue 11; further reports build on domain/). */
@Module({
  imports: [DigitisationModule],
  controllers: [
    ProcessingReportController,
    ReportFilesController,
    CatalogReportController,
    OnlineShareController,
    DigitisationReportController,
    ServiceIndexController,
    RegistriesReportController,
    PaymentsReportController,
  ],
  providers: [
    ProcessingReportService,
    ProcessingReportQueryService,
    ProcessingReportResolver,
    {
      provide: FileStore,
      useFactory: (c: AppConfig) => new LocalDiskFileStore(c.storage.dir),
      inject: [AppConfig],
    },
    ScheduledReportProducers,
    ProcessingReportProducer,
    ReportFilesClock,
    ReportFilesService,
    ReportFilesResolver,
    ReportFilesJobs,
    ReportPool,
    ProcessingRollupService,
    RollupJobs,
    ReportFilterService,
    CatalogReportService,
    OnlineShareService,
    DigitisationReportService,
    ServiceIndexService,
    CatalogReportResolver,
    OnlineShareResolver,
    DigitisationReportResolver,
    ServiceIndexResolver,
    ReportUnitsService,
    RegistriesReportService,
    RegistriesReportResolver,
    PaymentsReportService,
    PaymentsReportResolver,
    // Scheduled report files after Form II.06a (registration order = run order).
    PaidThroughAccountsProducer,
    AccountCoverageProducer,
    OnlineShareProducer,
    DigitisationReportProducer,
    ServiceIndexProducer,
  ],
  exports: [ProcessingReportService, ReportPool, ProcessingRollupService, ScheduledReportProducers],
})
export class ReportsModule {}
