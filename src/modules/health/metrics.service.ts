import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { QueueService } from 'src/queue/queue.service';

/** Prometheus metrics: HTTP latency by route, queue depths (read at scrape time), process defaults. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by route',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly queueDepth = new Gauge({
    name: 'queue_jobs',
    help: 'Jobs per queue and state',
    labelNames: ['queue', 'state'] as const,
    registers: [this.registry],
  });

  constructor(private readonly queues: QueueService) {
    collectDefaultMetrics({ register: this.registry });
  }

  observeHttp(method: string, route: string, status: number, seconds: number): void {
    this.httpDuration.labels(method, route, String(status)).observe(seconds);
  }

  async render(): Promise<string> {
    try {
      const depths = await this.queues.depths();
      for (const [queue, counts] of Object.entries(depths)) {
        for (const [state, value] of Object.entries(counts)) this.queueDepth.labels(queue, state).set(value);
      }
    } catch {
      // Redis down: keep the last known depths; readiness reports the outage.
    }
    return this.registry.metrics();
  }
}
