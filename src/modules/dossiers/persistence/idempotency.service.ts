import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainException } from 'src/common/errors/domain.exception';

/** Stable JSON (sorted keys) so the same body always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function requestHash(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

/**
 * Idempotency keys for portal retries, per caller. `claim` runs inside the create transaction: the primary key makes
 * a concurrent duplicate wait for the first transaction, then see its row. Same key + same body → the first dossier;
 * same key + different body → IDEMPOTENCY_KEY_CONFLICT (409).
 */
@Injectable()
export class IdempotencyService {
  constructor(private readonly dataSource: DataSource) {}

  /** Fast path before any work: the dossier of a completed earlier request, or a conflict. */
  async lookup(caller: string, key: string, hash: string): Promise<string | null> {
    const [row] = await this.dataSource.query<Array<{ request_hash: string; dossier_id: string | null }>>(
      `select request_hash, dossier_id from dossier_idempotency_keys where caller = $1 and key = $2`,
      [caller, key],
    );
    if (!row) return null;
    if (row.request_hash !== hash)
      throw new DomainException('IDEMPOTENCY_KEY_CONFLICT', 'This Idempotency-Key was used with a different body');
    return row.dossier_id;
  }

  /** Returns the dossier id already created for this key, or null when the key is new (and now claimed). */
  async claim(manager: EntityManager, caller: string, key: string, hash: string): Promise<string | null> {
    const inserted = await manager.query<Array<{ key: string }>>(
      `insert into dossier_idempotency_keys (caller, key, request_hash) values ($1, $2, $3)
       on conflict (caller, key) do nothing returning key`,
      [caller, key, hash],
    );
    if (inserted.length > 0) return null;
    const [row] = await manager.query<Array<{ request_hash: string; dossier_id: string | null }>>(
      `select request_hash, dossier_id from dossier_idempotency_keys where caller = $1 and key = $2`,
      [caller, key],
    );
    if (!row || row.request_hash !== hash)
      throw new DomainException('IDEMPOTENCY_KEY_CONFLICT', 'This Idempotency-Key was used with a different body');
    if (!row.dossier_id) throw new DomainException('IDEMPOTENCY_KEY_IN_PROGRESS');
    return row.dossier_id;
  }

  async complete(manager: EntityManager, caller: string, key: string, dossierId: string): Promise<void> {
    await manager.query(`update dossier_idempotency_keys set dossier_id = $3 where caller = $1 and key = $2`, [
      caller,
      key,
      dossierId,
    ]);
  }
}
