import { Injectable, Optional } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { MetricsService } from 'src/modules/health/metrics.service';

/**
 * Delivery latency (due → sent), failures, reminder sweep lag and fired rungs, registered on the service's
 * /metrics registry (queue depth is already there).
 */
@Injectable()
export class NotificationsMetrics {
  readonly registry: Registry;
  readonly deliveryLatency: Histogram<'channel'>;
  readonly deliveryFailures: Counter<'channel' | 'final'>;
  readonly sweepLag: Gauge;
  readonly rungsFired: Counter<'rung' | 'late'>;

  constructor(@Optional() metrics?: MetricsService) {
    this.registry = metrics?.registry ?? new Registry();
    const registers = [this.registry];
    this.deliveryLatency = new Histogram({
      name: 'notification_delivery_latency_seconds',
      help: 'Time from when a notification was due to when its channel accepted it',
      labelNames: ['channel'] as const,
      buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600, 4 * 3600, 24 * 3600],
      registers,
    });
    this.deliveryFailures = new Counter({
      name: 'notification_delivery_failures_total',
      help: 'Failed delivery attempts; final="true" when the delivery is dead-lettered',
      labelNames: ['channel', 'final'] as const,
      registers,
    });
    this.sweepLag = new Gauge({
      name: 'reminder_sweep_lag_seconds',
      help: 'Age of the oldest due, unfired reminder rung at the last sweep (0 when none)',
      registers,
    });
    this.rungsFired = new Counter({
      name: 'reminder_rungs_fired_total',
      help: 'Reminder rungs fired, by rung and whether they fired late',
      labelNames: ['rung', 'late'] as const,
      registers,
    });
  }
}
