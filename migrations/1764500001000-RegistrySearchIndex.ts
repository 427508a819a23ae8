import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Name search on a stored key: `search_key = vn_search_key(full_name)` (lower, unaccent, đ→d) is computed once on
 * write instead of on every row a search reads. Two indexes on it: a trigram GIN for rare partial names, and a
 * btree on id covering the key and the filter columns, so a common partial name ("nguyen") is answered by an
 * index-only walk in id order that stops after a page. Both skip records merged away.
 */
export class RegistrySearchIndex1764500001000 implements MigrationInterface {
  name = 'RegistrySearchIndex1764500001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table registry_people
      add column search_key text generated always as (vn_search_key(full_name)) stored`);
    await q.query(`drop index registry_people_name_trgm_idx`);
    await q.query(`create index registry_people_search_key_trgm_idx on registry_people
      using gin (search_key gin_trgm_ops) where merged_into_id is null`);
    await q.query(`create index registry_people_search_window_idx on registry_people (id)
      include (search_key, residence_unit_id, vital_status) where merged_into_id is null`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop index registry_people_search_window_idx`);
    await q.query(`drop index registry_people_search_key_trgm_idx`);
    await q.query(`alter table registry_people drop column search_key`);
    await q.query(`create index registry_people_name_trgm_idx on registry_people
      using gin (vn_search_key(full_name) gin_trgm_ops) where merged_into_id is null`);
  }
}
