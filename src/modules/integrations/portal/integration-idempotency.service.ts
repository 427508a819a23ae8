import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainException } from 'src/common/errors/domain.exception';
import { requestHash } from 'src/modules/dossiers/persistence/idempotency.service';

export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9._:-]{1,200}$/;

/** Checks the header every integration POST must carry. */
export function requireIdempotencyKey(key: string | undefined): string {
  if (key === undefined || key === '') throw new DomainException('INTEGRATION_IDEMPOTENCY_KEY_REQUIRED');
  if (!IDEMPOTENCY_KEY_PATTERN.test(key))
    throw new DomainException('BAD_REQUEST', 'Idempotency-Key must be 1–200 characters of A–Z, a–z, 0–9, . _ : -');
  return key;
}

/**
 * Idempotent integration writes other than dossier creation (which uses the dossier module's own keys): the first
 * request with a key runs and its answer is stored; a retry with the same key and body gets the stored answer; the
 * same key with another body or route is a conflict; a retry while the first is running is told to wait (409), and
 * a claim left by a request that died is taken over after two minutes.
 */
@Injectable()
export class IntegrationIdempotencyService {
  constructor(private readonly dataSource: DataSource) {}

  async run<T extends object>(
    caller: string,
    key: string,
    route: string,
    body: unknown,
    work: () => Promise<T>,
  ): Promise<{ result: T; replayed: boolean }> {
    const hash = requestHash({ route, body });
    const inserted = await this.dataSource.query<unknown[]>(
      `insert into integration_idempotency_keys (caller, key, route, request_hash) values ($1, $2, $3, $4)
       on conflict (caller, key) do nothing returning key`,
      [caller, key, route, hash],
    );
    if (inserted.length === 0) {
      const [row] = await this.dataSource.query<Array<{ request_hash: string; response: T | null }>>(
        `select request_hash, response from integration_idempotency_keys where caller = $1 and key = $2`,
        [caller, key],
      );
      if (!row || row.request_hash !== hash)
        throw new DomainException('IDEMPOTENCY_KEY_CONFLICT', 'This Idempotency-Key was used with a different request');
      if (row.response) return { result: row.response, replayed: true };
      // A first request that died mid-way (process killed) leaves its claim: after two minutes a retry takes it over.
      // A SELECT over the UPDATE: plain rows back (an UPDATE … RETURNING answers [rows, count] through TypeORM).
      const taken = await this.dataSource.query<unknown[]>(
        `with taken as (
           update integration_idempotency_keys set created_at = now()
            where caller = $1 and key = $2 and response is null and created_at < now() - interval '2 minutes'
            returning key)
         select key from taken`,
        [caller, key],
      );
      if (taken.length === 0) throw new DomainException('IDEMPOTENCY_KEY_IN_PROGRESS');
    }
    try {
      const result = await work();
      await this.dataSource.query(
        `update integration_idempotency_keys set response = $3, status_code = 200 where caller = $1 and key = $2`,
        [caller, key, JSON.stringify(result)],
      );
      return { result, replayed: false };
    } catch (error) {
      // A failed request leaves no trace: the client may retry it with the same key.
      await this.dataSource.query(`delete from integration_idempotency_keys where caller = $1 and key = $2`, [caller, key]);
      throw error;
    }
  }
}
