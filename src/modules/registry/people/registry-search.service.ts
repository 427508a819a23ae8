import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from 'src/common/context/request-context';
import { decodeCursor, encodeCursor, pageSize, type Page } from 'src/common/pagination/pagination';
import { AccessScopeService, scopeParam } from 'src/modules/organisation/units/access-scope.service';
import { PERSON_COLUMNS, type PersonRecord } from 'src/modules/registry/people/person.model';

export interface PersonSearch {
  /** Part of the name, diacritics and case ignored ("nguyen van" finds "Nguyễn Văn An"). */
  name?: string;
  cccd?: string;
  householdCode?: string;
  unitId?: string;
  includeDeceased?: boolean;
  first?: number;
  after?: string;
}

/** Rows walked in primary-key order before falling back to the trigram index. */
const ORDERED_WINDOW = 2000;

const FILTERS = `p.merged_into_id is null
  and ($1::text is null or p.search_key like '%' || vn_search_key($1) || '%')
  and ($2::text is null or p.cccd = $2)
  and ($3::text is null or exists (select 1 from registry_household_members m
        join registry_households h on h.id = m.household_id
        where m.person_id = p.id and h.code = $3 and m.valid_to is null))
  and ($4::uuid is null or p.residence_unit_id = $4)
  and ($5::uuid[] is null or p.residence_unit_id = any($5))
  and ($6::boolean or p.vital_status = 'ALIVE')
  and ($7::uuid is null or p.id > $7::uuid)`;

/**
 * Staff search over people. Name matching is on `search_key` = vn_search_key(full_name) (lower, unaccent, đ→d),
 * stored, with a trigram index. Results come in a stable id order (keyset cursor on id): a name order would force
 * sorting every match of a common name ("nguyen" is ~38% of people). The caller's unit scope is in the WHERE clause.
 */
@Injectable()
export class RegistrySearchService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: AccessScopeService,
  ) {}

  async search(actor: Actor | undefined, q: PersonSearch): Promise<Page<PersonRecord>> {
    const units = scopeParam(await this.scope.unitScope(actor));
    const limit = pageSize(q.first);
    const cursor = decodeCursor(q.after);
    const name = q.name?.trim() ? q.name.trim() : null;
    const params = [
      name,
      q.cccd ?? null,
      q.householdCode ?? null,
      q.unitId ?? null,
      units,
      q.includeDeceased ?? false,
      cursor?.id ?? null,
      limit + 1,
    ];
    let rows: PersonRecord[] = [];
    if (name && !q.cccd && !q.householdCode) {
      // A common partial name matches a large share of the table: walk the primary key over a bounded window first;
      // when the window already holds a full page, that page is the answer (the window is a prefix of the result
      // order). Otherwise the name is rare enough for the trigram index to find its matches and sort them (below).
      const window = await this.dataSource.query<Array<{ id: string }>>(
        `select w.id from (select p.id, p.search_key from registry_people p
           where ${FILTERS.replace('$1::text is null or ', 'true or ')} order by p.id limit ${ORDERED_WINDOW}) w
         where w.search_key like '%' || vn_search_key($1) || '%' order by w.id limit $8`,
        params,
      );
      if (window.length > limit)
        rows = await this.dataSource.query(
          `select ${PERSON_COLUMNS} from registry_people p where p.id = any($1::uuid[]) order by p.id`,
          [window.map((r) => r.id)],
        );
      if (rows.length <= limit) rows = [];
    }
    if (rows.length === 0)
      rows = await this.dataSource.query(
        `select ${PERSON_COLUMNS} from registry_people p where ${FILTERS} order by p.id limit $8`,
        params,
      );
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return {
      items,
      nextCursor: rows.length > limit && last ? encodeCursor({ k: last.id, id: last.id }) : null,
    };
  }
}
