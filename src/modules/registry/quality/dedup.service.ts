import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from 'src/common/context/request-context';
import { DomainException } from 'src/common/errors/domain.exception';
import { AuditService } from 'src/modules/audit/audit.service';
import { AccessScopeService, scopeParam } from 'src/modules/organisation/units/access-scope.service';
import { actorName, updateReturning } from 'src/modules/registry/registry.types';

export interface DuplicateCandidate {
  id: string;
  personAId: string;
  personBId: string;
  matchKind: 'EXACT_CCCD' | 'SIMILAR_NAME';
  similarity: number;
  state: 'OPEN' | 'MERGED' | 'NOT_DUPLICATE';
  createdAt: Date;
}

interface Repointed {
  table: string;
  column: string;
  ids: string[];
}

/** Fields the survivor takes from the merged record when it has none. */
const FILL_FIELDS = ['cccd', 'birth_date', 'ethnicity', 'residence_unit_id', 'address', 'phone'] as const;

const CANDIDATE_COLUMNS = `c.id, c.person_a_id as "personAId", c.person_b_id as "personBId", c.match_kind as "matchKind",
  c.similarity, c.state, c.created_at as "createdAt"`;

/**
 * Duplicate detection and resolution. Exact CCCD duplicates cannot be stored (unique index), so the scan looks for
 * pairs where at least one record has no CCCD: trigram similarity of vn_search_key(full_name) ≥ threshold, same
 * birth year (and the same date when both are full), same residence unit. Candidates wait in a review queue; an
 * officer merges (every reference re-pointed, recorded so the merge can be undone) or marks "not a duplicate".
 */
@Injectable()
export class DedupService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly scope: AccessScopeService,
  ) {}

  /** Queues new candidate pairs (optionally within one unit). Returns how many were added. */
  async scan(options: { unitId?: string; threshold?: number } = {}): Promise<number> {
    const rows = await this.dataSource.query<Array<{ n: number }>>(
      `with cand as (
         select least(a.id, b.id) as a_id, greatest(a.id, b.id) as b_id,
                similarity(a.search_key, b.search_key) as sim
         from registry_people a
         join registry_people b
           on b.residence_unit_id = a.residence_unit_id and b.birth_year = a.birth_year and b.id <> a.id
          and (a.birth_date is null or b.birth_date is null or a.birth_date = b.birth_date)
          and b.search_key % a.search_key
         where a.merged_into_id is null and b.merged_into_id is null and (a.cccd is null or b.cccd is null)
           and a.id < b.id and ($1::uuid is null or a.residence_unit_id = $1)
       ), ins as (
         insert into registry_duplicate_candidates (person_a_id, person_b_id, match_kind, similarity)
         select a_id, b_id, 'SIMILAR_NAME', sim from cand where sim >= $2
         on conflict (person_a_id, person_b_id) do nothing returning 1
       ) select count(*)::int as n from ins`,
      [options.unitId ?? null, options.threshold ?? 0.6],
    );
    return rows[0].n;
  }

  /** Open candidates in the caller's scope (both records must be visible). */
  async openCandidates(actor: Actor | undefined, limit = 100): Promise<DuplicateCandidate[]> {
    const units = scopeParam(await this.scope.unitScope(actor));
    return this.dataSource.query<DuplicateCandidate[]>(
      `select ${CANDIDATE_COLUMNS} from registry_duplicate_candidates c
         join registry_people a on a.id = c.person_a_id join registry_people b on b.id = c.person_b_id
       where c.state = 'OPEN' and ($1::uuid[] is null or (a.residence_unit_id = any($1) and b.residence_unit_id = any($1)))
       order by c.similarity desc, c.id limit $2`,
      [units, limit],
    );
  }

  private async lockOpen(m: EntityManager, candidateId: string): Promise<DuplicateCandidate> {
    const [c] = await m.query<DuplicateCandidate[]>(
      `select ${CANDIDATE_COLUMNS} from registry_duplicate_candidates c where c.id = $1 for update`,
      [candidateId],
    );
    if (!c) throw new DomainException('DUPLICATE_REVIEW_NOT_FOUND');
    if (c.state !== 'OPEN') throw new DomainException('DUPLICATE_REVIEW_CLOSED');
    return c;
  }

  async markNotDuplicate(candidateId: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await this.lockOpen(m, candidateId);
      await m.query(
        `update registry_duplicate_candidates set state = 'NOT_DUPLICATE', decided_by = $2, decided_at = now() where id = $1`,
        [candidateId, actorName()],
      );
      await this.audit.record(
        { action: 'NOT_DUPLICATE', entityType: 'registry_duplicate_candidate', entityId: candidateId },
        m,
      );
    });
  }

  /** The two people of a candidate (for the caller's scope check). */
  async candidatePeople(candidateId: string): Promise<string[]> {
    const [c] = await this.dataSource.query<Array<{ a: string; b: string }>>(
      `select person_a_id as a, person_b_id as b from registry_duplicate_candidates where id = $1`,
      [candidateId],
    );
    if (!c) throw new DomainException('DUPLICATE_REVIEW_NOT_FOUND');
    return [c.a, c.b];
  }

  /** The two people of a merge (for the caller's scope check). */
  async mergePeople(mergeId: string): Promise<string[]> {
    const [m] = await this.dataSource.query<Array<{ a: string; b: string }>>(
      `select survivor_id as a, merged_id as b from registry_merges where id = $1`,
      [mergeId],
    );
    if (!m) throw new DomainException('MERGE_NOT_FOUND');
    return [m.a, m.b];
  }

  /** Every (table, column) with a foreign key to registry_people(id), except the registry's own bookkeeping. */
  private async referencingColumns(m: EntityManager): Promise<Array<{ table: string; column: string }>> {
    return m.query(
      `select c.conrelid::regclass::text as table, a.attname as column
       from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
       where c.contype = 'f' and c.confrelid = 'registry_people'::regclass and cardinality(c.conkey) = 1
         and c.conrelid::regclass::text not in ('registry_people', 'registry_duplicate_candidates', 'registry_merges')
       order by 1, 2`,
    );
  }

  /**
   * Merges `mergedId` into `survivorId`: the survivor takes missing fields, every reference is re-pointed, the
   * merged record stays (merged_into_id) with its provenance. Returns the merge id (for undo).
   */
  async merge(input: { candidateId?: string; survivorId: string; mergedId: string }): Promise<string> {
    return this.dataSource.transaction(async (m) => {
      if (input.candidateId) {
        const c = await this.lockOpen(m, input.candidateId);
        const pair = [c.personAId, c.personBId];
        if (
          !pair.includes(input.survivorId) ||
          !pair.includes(input.mergedId) ||
          input.survivorId === input.mergedId
        )
          throw new DomainException(
            'VALIDATION_FAILED',
            'Survivor and merged record must be the two records of the candidate',
          );
      }
      const people = await m.query<Array<Record<string, unknown>>>(
        `select * from registry_people where id = any($1::uuid[]) for update`,
        [[input.survivorId, input.mergedId]],
      );
      const survivor = people.find((p) => p.id === input.survivorId);
      const merged = people.find((p) => p.id === input.mergedId);
      if (!survivor || !merged) throw new DomainException('PERSON_NOT_FOUND');
      if (survivor.merged_into_id || merged.merged_into_id)
        throw new DomainException('CONFLICT', 'A record was already merged');
      // Free the merged record's CCCD first (the unique index covers non-merged records only).
      await m.query(
        `update registry_people set merged_into_id = $2, updated_by = $3, updated_at = now(), version = version + 1
        where id = $1`,
        [input.mergedId, input.survivorId, actorName()],
      );
      const fills = FILL_FIELDS.filter((f) => survivor[f] === null && merged[f] !== null);
      if (fills.length > 0)
        await m.query(
          `update registry_people p set ${fills.map((f) => `${f} = q.${f}`).join(', ')}, updated_at = now(), version = p.version + 1
           from registry_people q where p.id = $1 and q.id = $2`,
          [input.survivorId, input.mergedId],
        );
      const repointed: Repointed[] = [];
      for (const { table, column } of await this.referencingColumns(m)) {
        const rows = await updateReturning<{ id: string }>(
          m,
          `update ${table} set ${column} = $1 where ${column} = $2 returning id`,
          [input.survivorId, input.mergedId],
        );
        if (rows.length > 0) repointed.push({ table, column, ids: rows.map((r) => r.id) });
      }
      const [row] = await m.query<Array<{ id: string }>>(
        `insert into registry_merges (survivor_id, merged_id, candidate_id, survivor_before, repointed, merged_by)
         values ($1, $2, $3, $4::jsonb, $5::jsonb, $6) returning id`,
        [
          input.survivorId,
          input.mergedId,
          input.candidateId ?? null,
          JSON.stringify(Object.fromEntries(FILL_FIELDS.map((f) => [f, survivor[f]]))),
          JSON.stringify(repointed),
          actorName(),
        ],
      );
      if (input.candidateId)
        await m.query(
          `update registry_duplicate_candidates set state = 'MERGED', decided_by = $2, decided_at = now() where id = $1`,
          [input.candidateId, actorName()],
        );
      await this.audit.record(
        {
          action: 'MERGE',
          entityType: 'registry_person',
          entityId: input.survivorId,
          after: {
            mergeId: row.id,
            mergedId: input.mergedId,
            filled: fills,
            repointed: repointed.map((r) => `${r.table}.${r.column}:${r.ids.length}`),
          },
        },
        m,
      );
      return row.id;
    });
  }

  /** Undoes a merge: references go back, the survivor's filled fields are restored, the candidate re-opens. */
  async undoMerge(mergeId: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const [merge] = await m.query<
        Array<{
          survivor_id: string;
          merged_id: string;
          candidate_id: string | null;
          survivor_before: Record<string, unknown>;
          repointed: Repointed[];
          undone_at: Date | null;
        }>
      >(`select * from registry_merges where id = $1 for update`, [mergeId]);
      if (!merge) throw new DomainException('MERGE_NOT_FOUND');
      if (merge.undone_at) throw new DomainException('MERGE_NOT_UNDOABLE', 'The merge was already undone');
      const [survivor] = await m.query<Array<{ merged_into_id: string | null }>>(
        `select merged_into_id from registry_people where id = $1 for update`,
        [merge.survivor_id],
      );
      if (survivor.merged_into_id)
        throw new DomainException('MERGE_NOT_UNDOABLE', 'The survivor was merged again since');
      for (const r of merge.repointed)
        await m.query(
          `update ${r.table} set ${r.column} = $1 where id = any($2::uuid[]) and ${r.column} = $3`,
          [merge.merged_id, r.ids, merge.survivor_id],
        );
      const fields = FILL_FIELDS.filter((f) => f in merge.survivor_before);
      await m.query(
        `update registry_people p set ${fields.map((f) => `${f} = b.${f}`).join(', ')}, updated_at = now(), version = p.version + 1
         from jsonb_populate_record(null::registry_people, $2::jsonb) b where p.id = $1`,
        [merge.survivor_id, JSON.stringify(merge.survivor_before)],
      );
      await m.query(
        `update registry_people set merged_into_id = null, updated_at = now(), version = version + 1 where id = $1`,
        [merge.merged_id],
      );
      await m.query(`update registry_merges set undone_by = $2, undone_at = now() where id = $1`, [
        mergeId,
        actorName(),
      ]);
      if (merge.candidate_id)
        await m.query(
          `update registry_duplicate_candidates set state = 'OPEN', decided_by = null, decided_at = null where id = $1`,
          [merge.candidate_id],
        );
      await this.audit.record(
        {
          action: 'UNDO_MERGE',
          entityType: 'registry_person',
          entityId: merge.survivor_id,
          after: { mergeId, mergedId: merge.merged_id },
        },
        m,
      );
    });
  }
}
