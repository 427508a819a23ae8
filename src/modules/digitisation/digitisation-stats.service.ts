import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface DigitisationStats {
  filesByState: Record<string, number>;
  boxes: Array<{ box: string; total: number; done: number; byState: Record<string, number> }>;
  clerks: Array<{ clerk: string; entries: number; verified: number; returned: number; errorRate: number | null }>;
  days: Array<{ day: string; scanned: number; entered: number; verified: number; returned: number; done: number }>;
  /** Share of the project's files that are DONE (digitised and linked). */
  digitisationRate: number | null;
}

/** Archive digitisation per administrative unit, as of a date: the figure the reports module publishes. */
export interface UnitDigitisationRate {
  unitId: string | null;
  projects: number;
  files: number;
  done: number;
  /** done / files, null when no file is registered. */
  rate: number | null;
}

/**
 * Progress and quality of a digitisation project: files per state, per box, per clerk (entries, verified, returned
 * at verification → error rate) and per business day (UTC+7) of the event log.
 */
@Injectable()
export class DigitisationStatsService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * For the reports module: per unit of the projects (restricted to `unitIds` when given — pass the caller's
   * AccessScopeService scope), files registered by `asOf` and those DONE by `asOf` (business day, UTC+7).
   */
  async ratesByUnit(unitIds: string[] | null, asOf: string): Promise<UnitDigitisationRate[]> {
    const rows = await this.dataSource.query<Array<{ unit_id: string | null; projects: number; files: number; done: number }>>(
      `select p.unit_id, count(distinct p.id)::int as projects, count(f.id)::int as files,
              count(f.id) filter (where exists (select 1 from digitisation_events e where e.file_id = f.id
                 and e.kind = 'DONE' and (e.at at time zone '+07')::date <= $2::date))::int as done
         from digitisation_projects p
         left join digitisation_files f on f.project_id = p.id and (f.created_at at time zone '+07')::date <= $2::date
        where ($1::uuid[] is null or p.unit_id = any($1::uuid[]))
        group by p.unit_id order by p.unit_id`,
      [unitIds, asOf],
    );
    return rows.map((r) => ({
      unitId: r.unit_id,
      projects: r.projects,
      files: r.files,
      done: r.done,
      rate: r.files > 0 ? r.done / r.files : null,
    }));
  }

  async project(projectId: string, from?: string, to?: string): Promise<DigitisationStats> {
    const states = await this.dataSource.query<Array<{ state: string; n: number }>>(
      `select state, count(*)::int as n from digitisation_files where project_id = $1 group by state`,
      [projectId],
    );
    const boxes = await this.dataSource.query<Array<{ box: string; state: string; n: number }>>(
      `select b.code as box, f.state, count(*)::int as n from digitisation_files f
         join digitisation_boxes b on b.id = f.box_id where f.project_id = $1 group by b.code, f.state order by b.code`,
      [projectId],
    );
    const clerks = await this.dataSource.query<DigitisationStats['clerks']>(
      `select clerk, count(*) filter (where kind = 'ENTRY')::int as entries,
              count(*) filter (where kind = 'VERIFIED')::int as verified,
              count(*) filter (where kind = 'RETURNED')::int as returned
         from digitisation_events where project_id = $1 and clerk is not null group by clerk order by clerk`,
      [projectId],
    );
    const days = await this.dataSource.query<DigitisationStats['days']>(
      `select to_char((at at time zone '+07')::date, 'YYYY-MM-DD') as day,
              count(*) filter (where kind = 'SCANNED')::int as scanned,
              count(distinct file_id) filter (where kind = 'ENTERED')::int as entered,
              count(distinct file_id) filter (where kind = 'VERIFIED')::int as verified,
              count(distinct file_id) filter (where kind = 'RETURNED')::int as returned,
              count(*) filter (where kind = 'DONE')::int as done
         from digitisation_events
        where project_id = $1 and ($2::date is null or (at at time zone '+07')::date >= $2::date)
          and ($3::date is null or (at at time zone '+07')::date <= $3::date)
        group by 1 order by 1`,
      [projectId, from ?? null, to ?? null],
    );
    const filesByState = Object.fromEntries(states.map((s) => [s.state, s.n]));
    const total = states.reduce((a, s) => a + s.n, 0);
    const byBox = new Map<string, Record<string, number>>();
    for (const b of boxes) byBox.set(b.box, { ...(byBox.get(b.box) ?? {}), [b.state]: b.n });
    return {
      filesByState,
      boxes: [...byBox.entries()].map(([box, byState]) => ({
        box,
        total: Object.values(byState).reduce((a, n) => a + n, 0),
        done: byState.DONE ?? 0,
        byState,
      })),
      clerks: clerks.map((c) => ({
        ...c,
        errorRate: c.verified + c.returned > 0 ? c.returned / (c.verified + c.returned) : null,
      })),
      days,
      digitisationRate: total > 0 ? (filesByState.DONE ?? 0) / total : null,
    };
  }
}
