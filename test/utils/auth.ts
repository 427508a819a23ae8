import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ApiScope, Role } from 'src/common/auth/auth.decorators';
import { generateApiKey } from 'src/modules/organisation/auth/api-key-format';
import { DevIssuerService } from 'src/modules/organisation/auth/dev-issuer.service';
import { PrincipalCacheService } from 'src/modules/organisation/auth/principal-cache.service';

/** Default test agency and unit, created on first use (a fictitious province code unused by the real lists). */
export const TEST_AGENCY_CODE = 'TEST.H98';
const TEST_PROVINCE_CODE = '98';

/** A unit for tests (upsert on era+code). Returns its id. */
export async function ensureTestUnit(
  app: INestApplication,
  unit: {
    era?: 'PRE_2025' | 'POST_2025';
    code: string;
    level?: 'PROVINCE' | 'DISTRICT' | 'COMMUNE';
    name?: string;
    parentId?: string | null;
  },
): Promise<string> {
  const era = unit.era ?? 'POST_2025';
  const level = unit.level ?? (unit.parentId ? 'COMMUNE' : 'PROVINCE');
  const name = unit.name ?? `Test unit ${unit.code}`;
  const [row] = await app.get(DataSource).query<Array<{ id: string }>>(
    `insert into admin_units (era, code, level, name, short_name, unit_type, parent_id, valid_from, valid_to)
     values ($1, $2, $3, $4, $4, $5, $6, $7, $8)
     on conflict (era, code) do update set name = admin_units.name
     returning id`,
    [
      era,
      unit.code,
      level,
      name,
      level === 'PROVINCE' ? 'tỉnh' : 'xã',
      unit.parentId ?? null,
      era === 'POST_2025' ? '2025-07-01' : '2008-01-01',
      era === 'POST_2025' ? null : '2025-06-30',
    ],
  );
  return row.id;
}

/**
 * An agency by code, created when missing (serving `unitId`, or the default test province). Returns its id.
 * Agency codes are A–Z/0–9 groups separated by dots.
 */
export async function ensureTestAgency(
  app: INestApplication,
  agency: { code: string; unitId?: string; name?: string; kind?: string; parentId?: string | null },
): Promise<string> {
  const ds = app.get(DataSource);
  const existing = await ds.query<Array<{ id: string }>>(`select id from agencies where code = $1`, [agency.code]);
  if (existing[0]) return existing[0].id;
  const unitId = agency.unitId ?? (await ensureTestUnit(app, { code: TEST_PROVINCE_CODE, name: 'Tỉnh Thử Nghiệm' }));
  const [row] = await ds.query<Array<{ id: string }>>(
    `insert into agencies (code, name, kind, unit_id, parent_id) values ($1, $2, $3, $4, $5)
     on conflict (code) do update set code = excluded.code returning id`,
    [agency.code, agency.name ?? `Test agency ${agency.code}`, agency.kind ?? 'OTHER', unitId, agency.parentId ?? null],
  );
  return row.id;
}

/**
 * A dev-issuer bearer token (the raw JWT: send it as `Authorization: Bearer <token>`) for a staff user. Creates the
 * user when missing and sets its roles and agency to the ones given (default agency: TEST.H98).
 */
export async function staffToken(
  app: INestApplication,
  options: { username: string; roles: Role[]; agencyCode?: string },
): Promise<string> {
  const agencyId = await ensureTestAgency(app, { code: options.agencyCode ?? TEST_AGENCY_CODE });
  const username = options.username.toLowerCase();
  const [user] = await app.get(DataSource).query<Array<{ id: string }>>(
    `insert into staff_users (username, display_name, agency_id, roles) values ($1, $1, $2, $3)
     on conflict (username) do update set agency_id = excluded.agency_id, roles = excluded.roles, active = true
     returning id`,
    [username, agencyId, options.roles],
  );
  // This process sees its own change at once, as the services' writes do (others are told by NOTIFY).
  app.get(PrincipalCacheService).invalidate();
  return app.get(DevIssuerService).sign({ username, subject: user.id, roles: options.roles });
}

/** A new API key (the raw value, for the `x-api-key` header) with these scopes for an agency (default TEST.H98). */
export async function createApiKey(
  app: INestApplication,
  options: { scopes: ApiScope[]; agencyCode?: string; name?: string; expiresAt?: Date | null },
): Promise<string> {
  const agencyId = await ensureTestAgency(app, { code: options.agencyCode ?? TEST_AGENCY_CODE });
  const key = generateApiKey();
  await app.get(DataSource).query(
    `insert into api_keys (name, prefix, secret_hash, scopes, agency_id, expires_at, created_by)
     values ($1, $2, $3, $4, $5, $6, 'test')`,
    [options.name ?? 'test key', key.prefix, key.hash, options.scopes, agencyId, options.expiresAt ?? null],
  );
  return key.raw;
}

/**
 * Repeats a request until it is refused with 401 (at most `ms`): a credential change made directly in the database
 * reaches the app's principal cache by NOTIFY, milliseconds later, not synchronously.
 */
export async function refusedWithin<T extends { status: number }>(ms: number, send: () => PromiseLike<T>): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const res = await send();
    if (res.status === 401 || Date.now() > until) {
      if (res.status !== 401) throw new Error(`still ${res.status} after ${ms} ms`);
      return res;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
