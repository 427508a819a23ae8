import type { INestApplication } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ensureTestUnit } from 'test/utils/auth';

export interface ReportUnits {
  /** Old communes A and B (PRE_2025) merged wholly into new commune C (POST_2025) on 2025-07-01. */
  a: string;
  b: string;
  c: string;
  /** An unrelated new commune. */
  d: string;
  /** Old commune E split between C and D (two PARTIAL links). */
  e: string;
  codes: { a: string; b: string; c: string; d: string; e: string };
}

/** A unit code not yet used in the era. */
export async function freeCode(ds: DataSource, era: string): Promise<string> {
  for (;;) {
    const code = String(randomInt(10_000, 99_999));
    const [taken] = await ds.query<unknown[]>(`select 1 from admin_units where era = $1 and code = $2`, [era, code]);
    if (!taken) return code;
  }
}

/** Fresh communes of both eras under test province `province` (reports use 90 and 99), with succession links. */
export async function reportUnits(app: INestApplication, province: '90' | '99'): Promise<ReportUnits> {
  const ds = app.get(DataSource);
  const oldProvince = await ensureTestUnit(app, { era: 'PRE_2025', code: province, level: 'PROVINCE' });
  const newProvince = await ensureTestUnit(app, { era: 'POST_2025', code: province, level: 'PROVINCE' });
  const make = async (era: 'PRE_2025' | 'POST_2025', name: string): Promise<{ id: string; code: string }> => {
    const code = await freeCode(ds, era);
    const parentId = era === 'PRE_2025' ? oldProvince : newProvince;
    return { id: await ensureTestUnit(app, { era, code, level: 'COMMUNE', parentId, name }), code };
  };
  const a = await make('PRE_2025', 'Xã Cũ A');
  const b = await make('PRE_2025', 'Xã Cũ B');
  const e = await make('PRE_2025', 'Xã Cũ E');
  const c = await make('POST_2025', 'Xã Mới C');
  const d = await make('POST_2025', 'Xã Mới D');
  await ds.query(
    `insert into admin_unit_successions (old_unit_id, new_unit_id, coverage, effective_from)
     values ($1, $3, 'FULL', '2025-07-01'), ($2, $3, 'FULL', '2025-07-01'),
            ($4, $3, 'PARTIAL', '2025-07-01'), ($4, $5, 'PARTIAL', '2025-07-01')`,
    [a.id, b.id, c.id, e.id, d.id],
  );
  return {
    a: a.id,
    b: b.id,
    c: c.id,
    d: d.id,
    e: e.id,
    codes: { a: a.code, b: b.code, c: c.code, d: d.code, e: e.code },
  };
}
