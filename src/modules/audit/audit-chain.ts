type Query = <T = unknown>(sql: string, params?: unknown[]) => Promise<T>;

export interface BrokenLink {
  segmentDate: string;
  seq: string;
  id: string;
  /** `HASH_MISMATCH`: the row was edited; `PREV_LINK_MISMATCH`: a row before it was deleted, inserted or edited. */
  reason: 'HASH_MISMATCH' | 'PREV_LINK_MISMATCH';
}

export interface ChainReport {
  ok: boolean;
  checkedEvents: number;
  segments: number;
  from: string | null;
  to: string | null;
  firstBroken: BrokenLink | null;
  /** Last hash of each checked day: publish or archive these to detect truncation of a day's tail. */
  segmentHeads: Array<{ segmentDate: string; lastSeq: string; hash: string; events: number }>;
}

/**
 * Recomputes every event's hash (same SQL function as the insert trigger) and checks each event's prev_hash
 * against the event before it in its day segment (the first against the day's genesis value).
 */
export async function verifyAuditChain(query: Query, from?: string, to?: string): Promise<ChainReport> {
  const params = [from ?? null, to ?? null];
  const range = `($1::date is null or e.segment_date >= $1::date) and ($2::date is null or e.segment_date <= $2::date)`;
  const [broken] = await query<Array<{ segment_date: string; seq: string; id: string; reason: BrokenLink['reason'] }>>(
    `with checked as (
       select e.id, e.seq, e.segment_date,
              e.hash <> audit_event_hash(e) as tampered,
              e.prev_hash <> coalesce(lag(e.hash) over (partition by e.segment_date order by e.seq),
                                      audit_segment_genesis(e.segment_date)) as relinked
         from audit_events e where ${range})
     select to_char(segment_date, 'YYYY-MM-DD') as segment_date, seq::text, id,
            case when tampered then 'HASH_MISMATCH' else 'PREV_LINK_MISMATCH' end as reason
       from checked where tampered or relinked order by segment_date, seq limit 1`,
    params,
  );
  const heads = await query<Array<{ segment_date: string; last_seq: string; hash: string; events: number }>>(
    `select to_char(e.segment_date, 'YYYY-MM-DD') as segment_date, e.seq::text as last_seq, e.hash, c.events
       from (select segment_date, max(seq) as seq, count(*)::int as events from audit_events e where ${range}
              group by segment_date) c
       join audit_events e on e.seq = c.seq
      order by e.segment_date`,
    params,
  );
  return {
    ok: !broken,
    checkedEvents: heads.reduce((n, h) => n + h.events, 0),
    segments: heads.length,
    from: from ?? null,
    to: to ?? null,
    firstBroken: broken
      ? { segmentDate: broken.segment_date, seq: broken.seq, id: broken.id, reason: broken.reason }
      : null,
    segmentHeads: heads.map((h) => ({ segmentDate: h.segment_date, lastSeq: h.last_seq, hash: h.hash, events: h.events })),
  };
}
