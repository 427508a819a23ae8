import { randomBytes } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainException } from 'src/common/errors/domain.exception';
import { AppConfig } from 'src/config/app-config';
import { AuditService } from 'src/modules/audit/audit.service';
import { ApiKeysService } from 'src/modules/organisation/api-keys/api-keys.service';
import { SIGNATURE_WINDOW_SECONDS } from 'src/modules/integrations/signature/request-signature';
import { QueueService } from 'src/queue/queue.service';

export const DEFAULT_PORTAL = 'DVCQG';

export interface IntegrationClient {
  apiKeyId: string;
  portal: string;
  signingRequired: boolean;
  hasSigningSecret: boolean;
  updatedAt: Date;
}

export interface ClientSettingsInput {
  portal?: string;
  signingRequired?: boolean;
  /** Issue a new signing secret (returned once). */
  rotateSecret?: boolean;
}

const COLUMNS = `api_key_id as "apiKeyId", portal, signing_required as "signingRequired",
  signing_secret is not null as "hasSigningSecret", updated_at as "updatedAt"`;

/** Per-API-key integration settings: the portal whose code tables apply, and the optional request-signing secret. */
@Injectable()
export class IntegrationClientsService {
  private readonly logger = new Logger('IntegrationClients');

  constructor(
    private readonly dataSource: DataSource,
    private readonly apiKeys: ApiKeysService,
    private readonly audit: AuditService,
    private readonly queues: QueueService,
    private readonly config: AppConfig,
  ) {}

  async signingOf(apiKeyId: string): Promise<{ required: boolean; secret: string | null } | null> {
    const [row] = await this.dataSource.query<Array<{ signing_required: boolean; signing_secret: string | null }>>(
      `select signing_required, signing_secret from integration_clients where api_key_id = $1`,
      [apiKeyId],
    );
    return row ? { required: row.signing_required, secret: row.signing_secret } : null;
  }

  /** The portal of an API key (its code tables); the national portal when the key has no settings. */
  async portalOf(apiKeyId: string | undefined): Promise<string> {
    if (!apiKeyId) return DEFAULT_PORTAL;
    const [row] = await this.dataSource.query<Array<{ portal: string }>>(
      `select portal from integration_clients where api_key_id = $1`,
      [apiKeyId],
    );
    return row?.portal ?? DEFAULT_PORTAL;
  }

  /**
   * Remembers a nonce for the window (both sides, plus a minute); false when it was already seen (replay).
   * Fails closed: without Redis a signed request cannot be checked for replay and is refused.
   */
  async rememberNonce(apiKeyId: string, nonce: string): Promise<boolean> {
    const key = `${this.config.queue.prefix}:integrations:nonce:${apiKeyId}:${nonce}`;
    try {
      const set = await this.queues.connection.set(key, '1', 'EX', 2 * SIGNATURE_WINDOW_SECONDS + 60, 'NX');
      return set === 'OK';
    } catch (error) {
      this.logger.warn(`Replay store unavailable: ${(error as Error).message}`);
      throw new DomainException('SERVICE_UNAVAILABLE', 'The replay store is unavailable; retry shortly');
    }
  }

  async get(apiKeyId: string): Promise<IntegrationClient> {
    await this.apiKeys.get(apiKeyId);
    const [row] = await this.dataSource.query<IntegrationClient[]>(
      `select ${COLUMNS} from integration_clients where api_key_id = $1`,
      [apiKeyId],
    );
    return (
      row ?? { apiKeyId, portal: DEFAULT_PORTAL, signingRequired: false, hasSigningSecret: false, updatedAt: new Date(0) }
    );
  }

  /** Creates or updates the settings (ADMIN, key in scope); returns the new signing secret once when rotated. */
  async configure(
    apiKeyId: string,
    input: ClientSettingsInput,
  ): Promise<IntegrationClient & { signingSecret: string | null }> {
    const before = await this.get(apiKeyId);
    const secret = input.rotateSecret ? randomBytes(32).toString('base64url') : null;
    if (input.signingRequired && !secret && !before.hasSigningSecret)
      throw new DomainException('VALIDATION_FAILED', 'Signing can be required only once the key has a secret (rotateSecret)');
    return this.dataSource.transaction(async (manager) => {
      const [row] = await manager.query<IntegrationClient[]>(
        `insert into integration_clients as c (api_key_id, portal, signing_required, signing_secret)
         values ($1, coalesce($2, '${DEFAULT_PORTAL}'), coalesce($3, false), $4)
         on conflict (api_key_id) do update set
           portal = coalesce($2, c.portal), signing_required = coalesce($3, c.signing_required),
           signing_secret = coalesce($4, c.signing_secret), updated_at = now()
         returning ${COLUMNS}`,
        [apiKeyId, input.portal ?? null, input.signingRequired ?? null, secret],
      );
      await this.audit.record(
        {
          action: 'INTEGRATION_CLIENT_CONFIGURE',
          entityType: 'api_key',
          entityId: apiKeyId,
          before: { ...before },
          after: { ...row, secretRotated: Boolean(secret) },
        },
        manager,
      );
      return { ...row, signingSecret: secret };
    });
  }
}
