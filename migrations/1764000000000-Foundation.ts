import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Extensions every module relies on (diacritic-insensitive and fuzzy search, exclusion constraints) and the seed
 * bookkeeping table.
 */
export class Foundation1764000000000 implements MigrationInterface {
  name = 'Foundation1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`create extension if not exists unaccent`);
    await q.query(`create extension if not exists pg_trgm`);
    await q.query(`create extension if not exists btree_gist`);
    // unaccent() is STABLE; an IMMUTABLE wrapper lets expression indexes use it (the dictionary is fixed).
    await q.query(`
      create or replace function immutable_unaccent(text) returns text
      language sql immutable parallel safe strict
      as $$ select public.unaccent('public.unaccent'::regdictionary, $1) $$`);
    // Vietnamese search key: no diacritics, đ folded to d, lower case.
    await q.query(`
      create or replace function vn_search_key(text) returns text
      language sql immutable parallel safe strict
      as $$ select lower(public.immutable_unaccent(replace(replace($1, 'đ', 'd'), 'Đ', 'D'))) $$`);
    await q.query(`
      create table seed_runs (
        name text primary key,
        ran_at timestamptz not null default now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table seed_runs`);
    await q.query(`drop function vn_search_key(text)`);
    await q.query(`drop function immutable_unaccent(text)`);
    // Extensions stay: other databases objects may use them, and dropping them is not needed to go back.
  }
}
