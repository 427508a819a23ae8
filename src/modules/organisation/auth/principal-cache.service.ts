import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from 'src/config/app-config';

/** The channel the credential tables' triggers notify on (migration 1764100002000). */
export const PRINCIPALS_CHANGED_CHANNEL = 'an_sinh_principals_changed';

const MAX_ENTRIES = 10_000;
const RECONNECT_DELAY_MS = 2_000;

interface Entry {
  until: number;
  value: unknown;
}

/**
 * Staff-user and API-key rows read by the auth guard, kept in memory so an authenticated request costs no database
 * round trip (that round trip was most of a small request's cost).
 *
 * Revocation stays immediate in practice: every change to `staff_users`, `agencies` or the credential columns of
 * `api_keys` fires a NOTIFY (a trigger, whoever wrote the row: this process, another API process, psql), and each
 * process LISTENs on its own connection and drops the whole cache on it. The cache is used only while that
 * connection is up; when it drops, entries are discarded and every request reads the database until the listener
 * is back, so a lost notification can never keep a disabled account alive. The TTL bounds staleness even so.
 * A load that started before an invalidation never stores its (possibly old) row.
 */
@Injectable()
export class PrincipalCacheService implements OnModuleDestroy {
  private readonly logger = new Logger('PrincipalCache');
  private readonly entries = new Map<string, Entry>();
  private listener: Client | undefined;
  private listening = false;
  private connecting: Promise<void> | undefined;
  private closed = false;
  private generation = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  /** The cached value for `key`, or the loader's value (stored when it is defined and the cache is live). */
  async getOrLoad<T>(key: string, load: () => Promise<T | undefined>): Promise<T | undefined> {
    const ttl = this.config.auth.principalCacheTtlMs;
    if (ttl <= 0) return load();
    if (!this.listening) {
      this.startListening();
      return load();
    }
    const hit = this.peek<T>(key);
    if (hit !== undefined) return hit;
    this.entries.delete(key); // expired, if there at all
    const now = Date.now();
    const generation = this.generation;
    const value = await load();
    if (value !== undefined && this.listening && generation === this.generation) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
      this.entries.set(key, { until: now + ttl, value });
    }
    return value;
  }

  /**
   * The cached value for `key` without loading: undefined on a miss, when expired, or while the cache is off. Lets
   * the auth guard answer a repeat caller synchronously (no promise on the request's path).
   */
  peek<T>(key: string): T | undefined {
    if (!this.listening || this.config.auth.principalCacheTtlMs <= 0) return undefined;
    const hit = this.entries.get(key);
    return hit && hit.until > Date.now() ? (hit.value as T) : undefined;
  }

  /** Runs a write of this process's own and drops the cache once it settles (others learn of it by NOTIFY). */
  async afterWrite<T>(write: Promise<T>): Promise<T> {
    try {
      return await write;
    } finally {
      this.invalidate();
    }
  }

  /** Drops every entry (also called on each notification). */
  invalidate(): void {
    this.generation += 1;
    this.entries.clear();
  }

  /** Whether the cache is in use (its listener is connected); for health checks and tests. */
  get live(): boolean {
    return this.listening;
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    await this.connecting?.catch(() => undefined);
    this.listening = false;
    this.invalidate();
    await this.listener?.end().catch(() => undefined);
    this.listener = undefined;
  }

  /** Starts the listener in the background; requests go to the database until it is up. */
  private startListening(): void {
    if (this.connecting || this.closed || this.reconnectTimer) return;
    this.connecting = this.connect().finally(() => {
      this.connecting = undefined;
    });
  }

  private async connect(): Promise<void> {
    const options = this.dataSource.options as { url?: string };
    const client = new Client({ connectionString: options.url, application_name: 'an-sinh-principal-cache' });
    client.on('error', (error: Error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    client.on('notification', (message) => {
      if (message.channel === PRINCIPALS_CHANGED_CHANNEL) this.invalidate();
    });
    try {
      await client.connect();
      await client.query(`listen ${PRINCIPALS_CHANGED_CHANNEL}`);
    } catch (error) {
      this.lost(client, error as Error);
      return;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.listener = client;
    this.invalidate();
    this.listening = true;
  }

  private lost(client: Client, error?: Error): void {
    if (this.listener && this.listener !== client) return;
    const wasListening = this.listening;
    this.listening = false;
    this.listener = undefined;
    this.invalidate();
    client.removeAllListeners('notification');
    void client.end().catch(() => undefined);
    if (this.closed) return;
    if (wasListening || error)
      this.logger.warn(`Credential-change listener lost (${error?.message ?? 'connection ended'}); cache off until it is back`);
    this.reconnectTimer ??= setTimeout(() => {
      this.reconnectTimer = undefined;
      this.startListening();
    }, RECONNECT_DELAY_MS);
    this.reconnectTimer.unref();
  }
}
