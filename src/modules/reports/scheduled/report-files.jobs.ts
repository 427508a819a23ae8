import { Injectable, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { AppConfig } from 'src/config/app-config';
import { BUSINESS_TIME_ZONE } from 'src/config/business-time';
import { JobHandlerRegistry } from 'src/queue/job-handler.registry';
import { QueueService } from 'src/queue/queue.service';
import { ReportFilesService } from 'src/modules/reports/scheduled/report-files.service';

export const REPORT_FILES_SCHEDULER = 'reports-files-daily';
/** 01:00 business time every day: the day after a cut-off (the 14th), the closed period's files are produced. */
export const REPORT_FILES_PATTERN = '0 1 * * *';

/**
 * Registers the report-files job; in the worker roles installs its daily scheduler (idempotent: a fixed scheduler
 * id, so every start-up upserts the same one). Runs on other days are cheap no-ops: every file already exists.
 */
@Injectable()
export class ReportFilesJobs implements OnModuleInit, OnApplicationBootstrap {

  constructor(
    private readonly registry: JobHandlerRegistry,
    private readonly files: ReportFilesService,
    private readonly queues: QueueService,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.registry.register('reports.files.produce', async (payload) => this.files.produce(payload.date));
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.app.role === 'api') return;
    await this.queues.installSchedulers('reports', [
      {
        id: REPORT_FILES_SCHEDULER,
        repeat: { pattern: REPORT_FILES_PATTERN, tz: BUSINESS_TIME_ZONE },
        template: { name: 'reports.files.produce', data: {} },
      },
    ]);
  }
}
