import { Controller, Get, Injectable, Ip, Logger, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AppConfig } from 'src/config/app-config';
import { Public } from 'src/common/auth/auth.decorators';
import { DomainException } from 'src/common/errors/domain.exception';
import { TrackingQuery } from 'src/modules/dossiers/rest/receive-dossier.dto';
import { QueueService } from 'src/queue/queue.service';
import { DossiersService, type TrackingView } from 'src/modules/dossiers/services/dossiers.service';

/** Fixed one-minute windows per client address. In-process: with several API instances the limit is per instance. */
export class WindowRateLimiter {
  private readonly hits = new Map<string, { window: number; count: number }>();

  constructor(private readonly limit: number, private readonly windowMs = 60_000) {}

  take(key: string, now = Date.now()): boolean {
    const window = Math.floor(now / this.windowMs);
    const cur = this.hits.get(key);
    if (!cur || cur.window !== window) {
      if (this.hits.size > 50_000) this.hits.clear();
      this.hits.set(key, { window, count: 1 });
      return true;
    }
    cur.count++;
    return cur.count <= this.limit;
  }
}

/**
 * Per-client limit of public tracking lookups, counted in Redis (shared by every API instance); when Redis is
 * unreachable, counted in this process instead of failing open.
 */
@Injectable()
export class TrackingRateLimiter {
  private readonly logger = new Logger('TrackingRateLimiter');
  private readonly local: WindowRateLimiter;

  constructor(
    private readonly config: AppConfig,
    private readonly queues: QueueService,
  ) {
    this.local = new WindowRateLimiter(config.dossiers.trackingRateLimit);
  }

  async take(client: string, now = Date.now()): Promise<boolean> {
    const window = Math.floor(now / 60_000);
    const key = `${this.config.queue.prefix}:ratelimit:tracking:${client}:${window}`;
    try {
      const result = await this.queues.connection.multi().incr(key).pexpire(key, 60_000).exec();
      return Number(result?.[0]?.[1] ?? 0) <= this.config.dossiers.trackingRateLimit;
    } catch (error) {
      this.logger.warn(`Redis unavailable, counting tracking lookups locally: ${(error as Error).message}`);
      return this.local.take(client, now);
    }
  }
}

/** Public tracking for citizens: state, step, appointment and apology; never personal data. */
@ApiTags('tracking')
@Controller('tracking')
export class TrackingController {
  constructor(
    private readonly dossiers: DossiersService,
    private readonly limiter: TrackingRateLimiter,
  ) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: 'Track a dossier by code and a second factor',
    description: 'Public, rate-limited; the second factor is the last 4 digits of the ID number or the phone number',
  })
  @ApiOkResponse({
    description: 'Where the dossier is',
    schema: {
      example: {
        code: 'H40.12-260305-0012',
        state: 'IN_PROCESSING',
        procedureCode: '1.001776',
        currentStep: 'Thẩm định',
        appointmentDate: '2026-03-19',
        late: false,
        apology: null,
      },
    },
  })
  async track(@Query() q: TrackingQuery, @Ip() ip: string): Promise<TrackingView> {
    if (!(await this.limiter.take(ip ?? 'unknown')))
      throw new DomainException('RATE_LIMITED', 'Too many tracking lookups; try again in a minute');
    return this.dossiers.track(q.code, q.factor);
  }
}
