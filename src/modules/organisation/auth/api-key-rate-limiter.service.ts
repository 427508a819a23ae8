import { Injectable, Logger } from '@nestjs/common';
import { DomainException } from 'src/common/errors/domain.exception';
import { AppConfig } from 'src/config/app-config';
import { QueueService } from 'src/queue/queue.service';

/**
 * Fixed-window request limit per API key in Redis (shared by every API process). If Redis does not answer the
 * request is let through (fail-open, logged): the limit protects capacity, it is not an authorisation decision.
 */
@Injectable()
export class ApiKeyRateLimiterService {
  private readonly logger = new Logger('ApiKeyRateLimiter');

  constructor(
    private readonly config: AppConfig,
    private readonly queues: QueueService,
  ) {}

  async consume(keyId: string, now = Date.now()): Promise<void> {
    const { apiKeyRateLimit: limit, apiKeyRateWindowSeconds: windowSeconds } = this.config.auth;
    const windowMs = windowSeconds * 1000;
    const window = Math.floor(now / windowMs);
    const redisKey = `${this.config.queue.prefix}:ratelimit:apikey:${keyId}:${window}`;
    let count: number;
    try {
      const result = await this.queues.connection.multi().incr(redisKey).pexpire(redisKey, windowMs).exec();
      count = Number(result?.[0]?.[1] ?? 0);
    } catch (error) {
      this.logger.warn(`Rate limiter unavailable, request allowed: ${(error as Error).message}`);
      return;
    }
    if (count > limit) {
      const retryAfterSeconds = Math.max(1, Math.ceil(((window + 1) * windowMs - now) / 1000));
      throw new DomainException(
        'RATE_LIMITED',
        `This API key may make ${limit} requests per ${windowSeconds} s; retry after ${retryAfterSeconds} s`,
        { retryAfterSeconds },
      );
    }
  }
}
