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

/**
 * Staff search over people. Name matching uses vn_search_key (lower, unaccent, đ→d) with the trigram index; results
 * are ordered by that key then id (keyset cursor). The caller's unit scope is in the WHERE clause.
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
    const rows = await this.dataSource.query<Array<PersonRecord & { sortKey: string }>>(
      `select ${PERSON_COLUMNS}, vn_search_key(p.full_name) as "sortKey"
       from registry_people p
       where p.merged_into_id is null
         and ($1::text is null or vn_search_key(p.full_name) like '%' || vn_search_key($1) || '%')
         and ($2::text is null or p.cccd = $2)
         and ($3::text is null or exists (select 1 from registry_household_members m
               join registry_households h on h.id = m.household_id
               where m.person_id = p.id and h.code = $3 and m.valid_to is null))
         and ($4::uuid is null or p.residence_unit_id = $4)
         and ($5::uuid[] is null or p.residence_unit_id = any($5))
         and ($6::boolean or p.vital_status = 'ALIVE')
         and ($7::text is null or (vn_search_key(p.full_name), p.id) > ($7, $8::uuid))
       order by vn_search_key(p.full_name), p.id
       limit $9`,
      [
        name,
        q.cccd ?? null,
        q.householdCode ?? null,
        q.unitId ?? null,
        units,
        q.includeDeceased ?? false,
        cursor ? String(cursor.k) : null,
        cursor?.id ?? null,
        limit + 1,
      ],
    );
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return {
      items,
      nextCursor: rows.length > limit && last ? encodeCursor({ k: last.sortKey, id: last.id }) : null,
    };
  }
}
