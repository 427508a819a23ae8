import { Injectable, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { AppConfig } from 'src/config/app-config';
import { JobHandlerRegistry } from 'src/queue/job-handler.registry';
import { QueueService } from 'src/queue/queue.service';
import { ProcessingRollupService } from 'src/modules/reports/rollups/processing-rollup.service';

export const ROLLUP_REFRESH_SCHEDULER = 'reports-rollups-refresh';

/** Registers the rollup refresh job; in the worker roles installs its scheduler (REPORT_ROLLUP_REFRESH_EVERY_MS). */
@Injectable()
export class RollupJobs implements OnModuleInit, OnApplicationBootstrap {

  constructor(
    private readonly registry: JobHandlerRegistry,
    private readonly rollups: ProcessingRollupService,
    private readonly queues: QueueService,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.registry.register('reports.rollups.refresh', async () => this.rollups.refresh());
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.app.role === 'api') return;
    await this.queues.installSchedulers('reports', [
      {
        id: ROLLUP_REFRESH_SCHEDULER,
        repeat: { every: this.config.reportRollups.refreshEveryMs },
        template: { name: 'reports.rollups.refresh', data: { reason: 'scheduler' }, opts: { attempts: 1 } },
      },
    ]);
  }
}
