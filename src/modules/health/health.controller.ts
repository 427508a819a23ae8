import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
  type HealthCheckResult,
} from '@nestjs/terminus';
import { Public } from 'src/common/auth/auth.decorators';
import { MetricsService } from 'src/modules/health/metrics.service';
import { QueueService } from 'src/queue/queue.service';

/** Liveness, readiness and Prometheus metrics. Public by design: probes and scrapers carry no credentials. */
@ApiTags('health')
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly queues: QueueService,
    private readonly metrics: MetricsService,
  ) {}

  @Public()
  @Get('health/live')
  @ApiExcludeEndpoint()
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Public()
  @Get('health/ready')
  @ApiExcludeEndpoint()
  @HealthCheck()
  ready(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.db.pingCheck('database', { timeout: 1000 }),
      async () => {
        const redis = this.indicators.check('redis');
        try {
          return (await this.queues.ping()) ? redis.up() : redis.down();
        } catch {
          return redis.down({ message: 'Redis did not answer' });
        }
      },
    ]);
  }

  @Public()
  @Get('metrics')
  @ApiExcludeEndpoint()
  @Header('content-type', 'text/plain; version=0.0.4')
  scrape(): Promise<string> {
    return this.metrics.render();
  }
}
