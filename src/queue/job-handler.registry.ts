import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { JobName, JobPayloads } from 'src/queue/queue.constants';

export type JobHandler<J extends JobName> = (
  payload: JobPayloads[J],
  job: Job<JobPayloads[J]>,
) => Promise<unknown>;

/**
 * Modules register the service method that handles each job name here (in onModuleInit). The registry is the same
 * in every role, so a handler can be tested without a worker; only the worker role consumes jobs.
 */
@Injectable()
export class JobHandlerRegistry {
  private readonly handlers = new Map<JobName, JobHandler<JobName>>();

  register<J extends JobName>(name: J, handler: JobHandler<J>): void {
    if (this.handlers.has(name)) throw new Error(`Job ${name} already has a handler`);
    this.handlers.set(name, handler as unknown as JobHandler<JobName>);
  }

  get(name: string): JobHandler<JobName> | undefined {
    return this.handlers.get(name as JobName);
  }

  registered(): JobName[] {
    return [...this.handlers.keys()];
  }
}
