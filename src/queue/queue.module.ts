import { Global, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { JobHandlerRegistry } from 'src/queue/job-handler.registry';
import { QueueService, REDIS_URL } from 'src/queue/queue.service';
import { WorkerHost } from 'src/queue/worker-host';

/** Keeps the BullMQ queues alive with a heartbeat job, so the worker path is exercised from day one. */
class SystemJobs implements OnModuleInit {
  constructor(private readonly registry: JobHandlerRegistry) {}
  onModuleInit(): void {
    this.registry.register('system.heartbeat', async (payload) => ({ ok: true, at: payload.at }));
  }
}

@Global()
@Module({})
export class QueueModule {
  static forRoot(redisUrl: string): DynamicModule {
    return {
      module: QueueModule,
      providers: [
        { provide: REDIS_URL, useValue: redisUrl },
        QueueService,
        JobHandlerRegistry,
        WorkerHost,
        {
          provide: SystemJobs,
          useFactory: (r: JobHandlerRegistry) => new SystemJobs(r),
          inject: [JobHandlerRegistry],
        },
      ],
      exports: [QueueService, JobHandlerRegistry, REDIS_URL],
    };
  }
}
