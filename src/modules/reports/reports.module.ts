import { Module } from '@nestjs/common';
import { ProcessingReportController } from 'src/modules/reports/processing/processing-report.controller';
import { ProcessingReportService } from 'src/modules/reports/processing/processing-report.service';

/** Published figures: Form II.06a with drill-down and exports (issue 11; further reports build on domain/). */
@Module({
  controllers: [ProcessingReportController],
  providers: [ProcessingReportService],
  exports: [ProcessingReportService],
})
export class ReportsModule {}
