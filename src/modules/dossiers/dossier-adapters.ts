import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ProceduresService, type ProcedureVersionInForce } from 'src/modules/procedures/procedures.service';
import { WorkingCalendarService } from 'src/modules/calendar/working-calendar.service';
import type { AdminLevel } from 'src/modules/dossiers/domain/dossier-state';
import { CHANNELS, type Channel } from 'src/modules/dossiers/domain/portal-codes';
import {
  DossierCalendarPort,
  ProcedureCatalogPort,
  type BudgetUnit,
  type ProcedureVersionView,
} from 'src/modules/dossiers/dossier-ports';

/** The working-day calendar of the calendar module (issue 4), holidays and make-up days included. */
@Injectable()
export class WorkingCalendarAdapter extends DossierCalendarPort {
  constructor(private readonly calendar: WorkingCalendarService) {
    super();
  }

  async isWorkingDay(date: string): Promise<boolean> {
    return this.calendar.isWorkingDay(date);
  }

  async addWorkingDays(date: string, n: number): Promise<string> {
    return this.calendar.addWorkingDays(date, n);
  }

  /** [a, b): the calendar counts (a, b], so both ends shift back one day. */
  async workingDaysBetween(a: string, b: string): Promise<number> {
    return b <= a ? 0 : this.calendar.workingDaysBetween(shift(a, -1), shift(b, -1));
  }

  async countingStart(receivedAt: Date, opts: { agencyId?: string | null; postmarkDate?: string | null } = {}): Promise<string> {
    return this.calendar.countingStart(receivedAt, opts);
  }
}

function shift(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

interface VersionRow {
  id: string;
  code: string;
  name: string;
  time_limit_amount: string | null;
  time_limit_unit: BudgetUnit | null;
  channels: string[] | null;
  online_mode: string | null;
}

const LEVELS: readonly string[] = ['COMMUNE', 'DISTRICT', 'PROVINCE'];

/** Channels a version is offered through: as stated, else desk and post, plus online when published online. */
export function offeredChannels(stated: readonly string[] | null, onlineMode: string | null): Channel[] {
  if (stated && stated.length > 0) return CHANNELS.filter((c) => stated.includes(c));
  return onlineMode === 'FULL' || onlineMode === 'PARTIAL' ? [...CHANNELS] : ['DIRECT', 'POSTAL'];
}

/** Maps the procedures module's view (issue 5) to what the dossier module needs. */
export function fromProcedureVersion(v: ProcedureVersionInForce): ProcedureVersionView {
  return {
    id: v.id,
    procedureCode: v.procedureCode,
    name: v.name,
    timeLimit: v.timeLimit ? { amount: v.timeLimit.amount, unit: v.timeLimit.unit } : null,
    channels: offeredChannels(v.channelsStated ? v.channels : null, v.onlineMode),
    documents: v.documents.map((d) => ({ code: d.code, name: d.name.slice(0, 500), mandatory: d.mandatory })),
    steps: v.steps.map((s) => ({
      seq: s.seq,
      name: s.name.slice(0, 300),
      level: s.level && LEVELS.includes(s.level) ? (s.level as AdminLevel) : null,
      budget: s.budget ? { amount: s.budget.amount, unit: s.budget.unit } : null,
    })),
  };
}

/**
 * The procedure catalogue through ProceduresService.versionInForce (issue 5). `versionsByIds` (the GraphQL
 * DataLoader's batch: code and name of N versions in one query) reads procedure_versions directly because the
 * procedures module exports no batch lookup yet.
 */
@Injectable()
export class ProcedureCatalogAdapter extends ProcedureCatalogPort {
  constructor(
    private readonly procedures: ProceduresService,
    private readonly dataSource: DataSource,
  ) {
    super();
  }

  async versionInForce(procedureCode: string, onDate: string): Promise<ProcedureVersionView | undefined> {
    const v = await this.procedures.versionInForce(procedureCode, onDate);
    return v ? fromProcedureVersion(v) : undefined;
  }

  async versionsByIds(ids: readonly string[]): Promise<ProcedureVersionView[]> {
    return new SqlProcedureCatalog(this.dataSource).versionsByIds(ids);
  }
}

/** Direct reads of the catalogue's tables (used for the DataLoader batch; the fallback before issue 5 merged). */
export class SqlProcedureCatalog extends ProcedureCatalogPort {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async versionInForce(procedureCode: string, onDate: string): Promise<ProcedureVersionView | undefined> {
    const [v] = await this.dataSource.query<VersionRow[]>(
      `select v.id, p.code, v.name, v.time_limit_amount, v.time_limit_unit, v.channels, v.online_mode
       from procedure_versions v join procedures p on p.id = v.procedure_id
       where p.code = $1 and (p.abolished_on is null or p.abolished_on > $2::date)
         and (v.valid_from is null or v.valid_from <= $2::date) and (v.valid_to is null or v.valid_to > $2::date)
       order by v.version_no desc limit 1`,
      [procedureCode, onDate],
    );
    return v ? (await this.complete([v]))[0] : undefined;
  }

  async versionsByIds(ids: readonly string[]): Promise<ProcedureVersionView[]> {
    if (ids.length === 0) return [];
    const rows = await this.dataSource.query<VersionRow[]>(
      `select v.id, p.code, v.name, v.time_limit_amount, v.time_limit_unit, v.channels, v.online_mode
       from procedure_versions v join procedures p on p.id = v.procedure_id where v.id = any($1::uuid[])`,
      [[...ids]],
    );
    return this.complete(rows, false);
  }

  private async complete(rows: VersionRow[], withParts = true): Promise<ProcedureVersionView[]> {
    const ids = rows.map((r) => r.id);
    const docs = withParts
      ? await this.dataSource.query<Array<{ version_id: string; code: string; name: string; mandatory: boolean }>>(
          `select version_id, code, name, mandatory from procedure_documents where version_id = any($1::uuid[]) order by seq`,
          [ids],
        )
      : [];
    const steps = withParts
      ? await this.dataSource.query<
          Array<{ version_id: string; seq: number; name: string; level: string | null; budget_amount: string | null; budget_unit: BudgetUnit | null }>
        >(
          `select version_id, seq, name, level, budget_amount, budget_unit from procedure_steps
           where version_id = any($1::uuid[]) order by seq`,
          [ids],
        )
      : [];
    return rows.map((r) => ({
      id: r.id,
      procedureCode: r.code,
      name: r.name,
      timeLimit: r.time_limit_amount !== null && r.time_limit_unit ? { amount: Number(r.time_limit_amount), unit: r.time_limit_unit } : null,
      channels: offeredChannels(r.channels, r.online_mode),
      documents: docs.filter((d) => d.version_id === r.id).map((d) => ({ code: d.code, name: d.name, mandatory: d.mandatory })),
      steps: steps
        .filter((s) => s.version_id === r.id)
        .map((s) => ({
          seq: s.seq,
          name: s.name.slice(0, 300),
          level: s.level && LEVELS.includes(s.level) ? (s.level as AdminLevel) : null,
          budget: s.budget_amount !== null && s.budget_unit ? { amount: Number(s.budget_amount), unit: s.budget_unit } : null,
        })),
    }));
  }
}
