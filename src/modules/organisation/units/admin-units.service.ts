import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainException } from 'src/common/errors/domain.exception';
import { decodeCursor, pageSize, type Page } from 'src/common/pagination/pagination';
import { keysetPage } from 'src/modules/organisation/keyset-page';
import type { UnitEra, UnitLevel } from 'src/modules/organisation/entities/admin-unit.entity';

export interface AdminUnit {
  id: string;
  era: UnitEra;
  code: string;
  level: UnitLevel;
  name: string;
  shortName: string;
  unitType: string;
  parentId: string | null;
  validFrom: string;
  validTo: string | null;
}

export interface SuccessionLink {
  unit: AdminUnit;
  coverage: 'FULL' | 'PARTIAL';
  effectiveFrom: string;
}

export interface AdminUnitFilter {
  era?: UnitEra;
  level?: UnitLevel;
  parentId?: string;
  /** Only units in force on this date (YYYY-MM-DD). */
  asOf?: string;
  code?: string;
  q?: string;
  limit?: number;
  cursor?: string;
}

export const UNIT_COLUMNS = `u.id, u.era, u.code, u.level, u.name, u.short_name as "shortName",
  u.unit_type as "unitType", u.parent_id as "parentId", to_char(u.valid_from, 'YYYY-MM-DD') as "validFrom",
  to_char(u.valid_to, 'YYYY-MM-DD') as "validTo"`;

/** Reads administrative units of both eras and the succession map. Codes only mean something with their era. */
@Injectable()
export class AdminUnitsService {
  constructor(private readonly dataSource: DataSource) {}

  /** Units by era, level, parent, code, name (accents optional) or validity on a date; keyset-paged by code. */
  async list(query: AdminUnitFilter): Promise<Page<AdminUnit>> {
    const limit = pageSize(query.limit);
    const cursor = decodeCursor(query.cursor);
    const items = await this.dataSource.query<AdminUnit[]>(
      `select ${UNIT_COLUMNS} from admin_units u
        where ($1::text is null or u.era = $1) and ($2::text is null or u.level = $2)
          and ($3::uuid is null or u.parent_id = $3)
          and ($4::date is null or (u.valid_from <= $4::date and (u.valid_to is null or u.valid_to >= $4::date)))
          and ($5::text is null or u.code = $5)
          and ($6::text is null or vn_search_key(u.name) like '%' || vn_search_key($6) || '%')
          and ($7::text is null or (u.code, u.id) > ($7::text, $8::uuid))
        order by u.code, u.id limit $9`,
      [
        query.era ?? null,
        query.level ?? null,
        query.parentId ?? null,
        query.asOf ?? null,
        query.code ?? null,
        query.q ?? null,
        cursor ? String(cursor.k) : null,
        cursor?.id ?? null,
        limit + 1,
      ],
    );
    return keysetPage(items, limit, (u) => u.code);
  }

  async findById(id: string): Promise<AdminUnit | undefined> {
    const rows = await this.dataSource.query<AdminUnit[]>(
      `select ${UNIT_COLUMNS} from admin_units u where u.id = $1`,
      [id],
    );
    return rows[0];
  }

  /** Units by id, in the order asked (undefined where missing): for GraphQL data loaders. */
  async findByIds(ids: readonly string[]): Promise<Array<AdminUnit | undefined>> {
    const rows = await this.dataSource.query<AdminUnit[]>(
      `select ${UNIT_COLUMNS} from admin_units u where u.id = any($1::uuid[])`,
      [ids],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id));
  }

  async findByCode(era: UnitEra, code: string): Promise<AdminUnit | undefined> {
    const rows = await this.dataSource.query<AdminUnit[]>(
      `select ${UNIT_COLUMNS} from admin_units u where u.era = $1 and u.code = $2`,
      [era, code],
    );
    return rows[0];
  }

  async getByCode(era: UnitEra, code: string): Promise<AdminUnit> {
    const unit = await this.findByCode(era, code);
    if (!unit) throw new DomainException('ADMIN_UNIT_NOT_FOUND', `No ${era} unit with code ${code}`);
    return unit;
  }

  /** The unit of that code in force on a date (`YYYY-MM-DD`): the old unit before 1 July 2025, the new one after. */
  async findByCodeAsOf(code: string, onDate: string): Promise<AdminUnit | undefined> {
    const rows = await this.dataSource.query<AdminUnit[]>(
      `select ${UNIT_COLUMNS} from admin_units u
        where u.code = $1 and u.valid_from <= $2::date and (u.valid_to is null or u.valid_to >= $2::date)`,
      [code, onDate],
    );
    return rows[0];
  }

  /** New units an old unit went into (several when it was split: coverage PARTIAL). */
  successors(unitId: string): Promise<SuccessionLink[]> {
    return this.links(`s.old_unit_id = $1`, `s.new_unit_id`, unitId);
  }

  /** Old units that went (wholly or partly) into a new unit. */
  predecessors(unitId: string): Promise<SuccessionLink[]> {
    return this.links(`s.new_unit_id = $1`, `s.old_unit_id`, unitId);
  }

  private async links(where: string, other: string, unitId: string): Promise<SuccessionLink[]> {
    const rows = await this.dataSource.query<Array<AdminUnit & { coverage: 'FULL' | 'PARTIAL'; effectiveFrom: string }>>(
      `select ${UNIT_COLUMNS}, s.coverage, to_char(s.effective_from, 'YYYY-MM-DD') as "effectiveFrom"
         from admin_unit_successions s join admin_units u on u.id = ${other}
        where ${where} order by u.code`,
      [unitId],
    );
    return rows.map(({ coverage, effectiveFrom, ...unit }) => ({ unit, coverage, effectiveFrom }));
  }

  /** The unit and every descendant in its own era (no succession applied). */
  async subtreeIds(unitId: string): Promise<string[]> {
    const [row] = await this.dataSource.query<Array<{ ids: string[] }>>(
      `with recursive t(id) as (select $1::uuid union select u.id from admin_units u join t on u.parent_id = t.id)
       select coalesce(array_agg(id), '{}') as ids from t join admin_units x using (id)`,
      [unitId],
    );
    return row?.ids ?? [];
  }

  /**
   * The unit to count a record under on a date: itself if in force then, else its successor(s) in force then.
   * Reports "as of" a date use this to fold old-commune records into their 2025 commune.
   */
  async inForceOn(unitId: string, onDate: string): Promise<AdminUnit[]> {
    return this.dataSource.query<AdminUnit[]>(
      `select ${UNIT_COLUMNS} from admin_units u
        where (u.id = $1 or u.id in (select new_unit_id from admin_unit_successions where old_unit_id = $1)
               or u.id in (select old_unit_id from admin_unit_successions where new_unit_id = $1))
          and u.valid_from <= $2::date and (u.valid_to is null or u.valid_to >= $2::date)
        order by u.code`,
      [unitId, onDate],
    );
  }
}
