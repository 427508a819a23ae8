import { Logger } from '@nestjs/common';
import { DomainException } from 'src/common/errors/domain.exception';
import type {
  PopulationDbAdapter,
  PopulationRecord,
} from 'src/modules/registry/population-db/population-db.adapter';

export interface PopulationDbSettings {
  url: string | undefined;
  clientId: string | undefined;
  token: string | undefined;
  timeoutMs: number;
}

/**
 * HTTP client of the population database: `POST {url}/citizens/lookup` with `{ cccd }`, bearer token and client id
 * from settings. Never called when POPULATION_DB_URL is unset. The number is sent in the body, never in the URL
 * (URLs end up in access logs), and never logged here.
 */
export class PopulationDbHttpClient implements PopulationDbAdapter {
  private readonly logger = new Logger(PopulationDbHttpClient.name);

  constructor(private readonly settings: PopulationDbSettings) {}

  get configured(): boolean {
    return Boolean(this.settings.url);
  }

  async lookup(cccd: string): Promise<PopulationRecord> {
    if (!this.settings.url) throw new DomainException('POPULATION_DB_NOT_CONFIGURED');
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json',
    };
    if (this.settings.token) headers.authorization = `Bearer ${this.settings.token}`;
    if (this.settings.clientId) headers['x-client-id'] = this.settings.clientId;
    let res: Response;
    try {
      res = await fetch(`${this.settings.url.replace(/\/$/, '')}/citizens/lookup`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ cccd }),
        signal: AbortSignal.timeout(this.settings.timeoutMs),
      });
    } catch (e) {
      this.logger.warn(`population database unreachable: ${(e as Error).name}`);
      throw new DomainException('POPULATION_DB_UNAVAILABLE');
    }
    if (res.status === 404) return { found: false };
    if (!res.ok) {
      this.logger.warn(`population database answered ${res.status}`);
      throw new DomainException('POPULATION_DB_UNAVAILABLE');
    }
    const body = (await res.json()) as Partial<Extract<PopulationRecord, { found: true }>>;
    if (
      typeof body.fullName !== 'string' ||
      typeof body.birth !== 'string' ||
      (body.gender !== 'MALE' && body.gender !== 'FEMALE')
    )
      throw new DomainException(
        'POPULATION_DB_UNAVAILABLE',
        'The population database answered an unexpected document',
      );
    return {
      found: true,
      fullName: body.fullName,
      birth: body.birth,
      gender: body.gender,
      deceased: Boolean(body.deceased),
      deathDate: body.deathDate ?? null,
    };
  }
}
