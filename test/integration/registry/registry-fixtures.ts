import type { INestApplication } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { DataSource } from 'typeorm';
import { RequestContext, type Actor } from 'src/common/context/request-context';
import { centuryGenderDigit } from 'src/modules/registry/domain/cccd';
import { ensureTestAgency, ensureTestUnit } from 'test/utils/auth';

export const SYSTEM: Actor = {
  kind: 'system',
  id: 'test',
  name: 'test',
  agencyId: null,
  roles: [],
  scopes: [],
};

export function asActor<T>(actor: Actor, fn: () => Promise<T>): Promise<T> {
  return RequestContext.run({ requestId: `t-${randomInt(1e9)}`, actor }, fn);
}

/** A structurally valid CCCD for the birth year and gender (Hà Nội code, random serial). */
export function cccdFor(year: number, gender: 'MALE' | 'FEMALE'): string {
  return `001${centuryGenderDigit(year, gender)}${String(year % 100).padStart(2, '0')}${String(randomInt(1_000_000)).padStart(6, '0')}`;
}

export const uniqueCode = (prefix: string): string => `${prefix}${randomInt(1e9).toString(36).toUpperCase()}`;

/** Two old communes A and B (PRE_2025) merged into a new commune C (POST_2025) on 2025-07-01, plus an unrelated D. */
export async function mergedCommunes(
  app: INestApplication,
): Promise<{ a: string; b: string; c: string; d: string }> {
  const oldProvince = await ensureTestUnit(app, { era: 'PRE_2025', code: '97', level: 'PROVINCE' });
  const newProvince = await ensureTestUnit(app, { era: 'POST_2025', code: '97', level: 'PROVINCE' });
  const code = () => String(randomInt(10_000, 99_999));
  const a = await ensureTestUnit(app, {
    era: 'PRE_2025',
    code: code(),
    level: 'COMMUNE',
    parentId: oldProvince,
    name: 'Xã A',
  });
  const b = await ensureTestUnit(app, {
    era: 'PRE_2025',
    code: code(),
    level: 'COMMUNE',
    parentId: oldProvince,
    name: 'Xã B',
  });
  const c = await ensureTestUnit(app, {
    era: 'POST_2025',
    code: code(),
    level: 'COMMUNE',
    parentId: newProvince,
    name: 'Xã C',
  });
  const d = await ensureTestUnit(app, {
    era: 'POST_2025',
    code: code(),
    level: 'COMMUNE',
    parentId: newProvince,
    name: 'Xã D',
  });
  await app.get(DataSource).query(
    `insert into admin_unit_successions (old_unit_id, new_unit_id, coverage, effective_from)
     values ($1, $3, 'FULL', '2025-07-01'), ($2, $3, 'FULL', '2025-07-01')`,
    [a, b, c],
  );
  return { a, b, c, d };
}

/** A staff actor of a fresh agency serving `unitId`. */
export async function unitActor(app: INestApplication, unitId: string): Promise<Actor> {
  const agencyId = await ensureTestAgency(app, { code: uniqueCode('T.R'), unitId });
  return { kind: 'user', id: uniqueCode('u'), name: 'officer', agencyId, roles: ['SPECIALIST'], scopes: [] };
}

export const DECISION = { number: '123/QĐ-UBND', date: '2024-01-05', signer: 'Chủ tịch UBND xã' };
