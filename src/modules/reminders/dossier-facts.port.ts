import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { DossiersService } from 'src/modules/dossiers/services/dossiers.service';
import type { StaffContact } from 'src/modules/reminders/reminders.service';

export interface DossierFacts {
  dossierId: string;
  dossierCode: string;
  procedureCode: string;
  applicantName: string;
  applicantEmail: string | null;
  applicantPhone: string | null;
  dueDate: string | null;
  /** The processing clock is stopped (supplement requested): nothing is armed while paused. */
  paused: boolean;
  /** The active step with a due time, if any. */
  activeStep: {
    id: string;
    name: string;
    due: Date;
    assignee: StaffContact | null;
    leader: StaffContact | null;
  } | null;
}

/**
 * What reminders need to know about a dossier when its outbox events arrive (no actor: a worker's system read).
 */
export abstract class DossierFactsPort {
  abstract facts(manager: EntityManager, dossierId: string): Promise<DossierFacts | undefined>;
}

interface FactsRow {
  id: string;
  code: string;
  procedure_code: string;
  applicant_name: string;
  applicant_email: string | null;
  applicant_phone: string | null;
  due_date: string | null;
  paused: boolean;
  step_id: string | null;
  step_name: string | null;
  step_due_at: Date | null;
  step_agency_id: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  assignee_email: string | null;
}

/** Fallback reading the dossier tables directly (kept for scripts/tests; the app binds DossierServiceFacts). */
@Injectable()
export class SqlDossierFacts extends DossierFactsPort {
  constructor(@InjectDataSource() readonly dataSource: DataSource) {
    super();
  }

  async facts(manager: EntityManager, dossierId: string): Promise<DossierFacts | undefined> {
    const [d] = await manager.query<FactsRow[]>(
      `select d.id, d.code, d.procedure_code, d.applicant_name, d.applicant_email, d.applicant_phone,
              d.due_date::text as due_date, d.paused_since is not null as paused,
              s.id as step_id, s.name as step_name, s.due_at as step_due_at, s.agency_id as step_agency_id,
              u.id as assignee_id, u.display_name as assignee_name, u.email as assignee_email
         from dossiers d
         left join lateral (select * from dossier_steps s where s.dossier_id = d.id and s.status = 'ACTIVE'
                             order by s.seq limit 1) s on true
         left join staff_users u on u.id = s.assignee_user_id
        where d.id = $1`,
      [dossierId],
    );
    if (!d) return undefined;
    let leader: StaffContact | null = null;
    if (d.step_agency_id) {
      const [l] = await manager.query<Array<{ id: string; display_name: string; email: string | null }>>(
        `select id, display_name, email from staff_users
          where agency_id = $1 and active and 'LEADER' = any(roles) order by created_at limit 1`,
        [d.step_agency_id],
      );
      if (l) leader = { id: l.id, name: l.display_name, email: l.email };
    }
    const assignee = d.assignee_id
      ? { id: d.assignee_id, name: d.assignee_name, email: d.assignee_email }
      : null;
    return {
      dossierId: d.id,
      dossierCode: d.code,
      procedureCode: d.procedure_code,
      applicantName: d.applicant_name,
      applicantEmail: d.applicant_email,
      applicantPhone: d.applicant_phone,
      dueDate: d.due_date,
      paused: d.paused,
      activeStep:
        d.step_id && d.step_due_at
          ? { id: d.step_id, name: d.step_name ?? '', due: new Date(d.step_due_at), assignee, leader }
          : null,
    };
  }
}

/**
 * The adapter the app uses: the dossier and its active step from `DossiersService.systemView` (the dossier module's
 * read for workers); staff contacts (assignee email, the agency's LEADER) from `staff_users`, read-only.
 */
@Injectable()
export class DossierServiceFacts extends DossierFactsPort {
  constructor(private readonly dossiers: DossiersService) {
    super();
  }

  async facts(manager: EntityManager, dossierId: string): Promise<DossierFacts | undefined> {
    const view = await this.dossiers.systemView(dossierId, manager);
    if (!view) return undefined;
    const { dossier: d, activeStep: s } = view;
    let assignee: StaffContact | null = null;
    let leader: StaffContact | null = null;
    if (s) {
      const staff = await manager.query<
        Array<{ id: string; display_name: string; email: string | null; leader: boolean }>
      >(
        `(select id, display_name, email, false as leader from staff_users where id = $1)
         union all
         (select id, display_name, email, true from staff_users
           where agency_id = $2 and active and 'LEADER' = any(roles) order by created_at limit 1)`,
        [s.assigneeUserId, s.agencyId],
      );
      const a = staff.find((r) => !r.leader);
      const l = staff.find((r) => r.leader);
      if (a) assignee = { id: a.id, name: a.display_name, email: a.email };
      if (l) leader = { id: l.id, name: l.display_name, email: l.email };
    }
    return {
      dossierId: d.id,
      dossierCode: d.code,
      procedureCode: d.procedureCode,
      applicantName: d.applicantName,
      applicantEmail: d.applicantEmail,
      applicantPhone: d.applicantPhone,
      dueDate: d.dueDate,
      paused: d.pausedSince !== null,
      activeStep: s?.dueAt ? { id: s.id, name: s.name, due: new Date(s.dueAt), assignee, leader } : null,
    };
  }
}
