import { Module } from '@nestjs/common';
import { ProcessingReportController } from 'src/modules/reports/processing/processing-report.controller';
import { ProcessingReportService } from 'src/modules/reports/processing/processing-report.service';
import { ProcessingRollupService } from 'src/modules/reports/rollups/processing-rollup.service';
import { ReportPool } from 'src/modules/reports/rollups/report-pool.service';
import { RollupJobs } from 'src/modules/reports/rollups/rollup.jobs';

/** Published figures: Form II.06a with drill-down and exports (issue 11; further reports build on domain/). */
@Module({
  controllers: [ProcessingReportController],
  providers: [ProcessingReportService, ReportPool, ProcessingRollupService, RollupJobs],
  exports: [ProcessingReportService, ReportPool, ProcessingRollupService],
})
export class ReportsModule {}
