import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainException } from 'src/common/errors/domain.exception';
import { AccessScopeService } from 'src/modules/organisation/units/access-scope.service';
import { assertValidCccd } from 'src/modules/registry/domain/cccd';
import { PeopleService } from 'src/modules/registry/people/people.service';
import { nextState, type AdminLevel } from 'src/modules/dossiers/domain/dossier-state';
import type { Channel } from 'src/modules/dossiers/domain/portal-codes';
import {
  DossierCalendarPort,
  DossierClock,
  ProcedureCatalogPort,
  businessDate,
  endOfBusinessDay,
  type ProcedureVersionView,
} from 'src/modules/dossiers/dossier-ports';
import { DossierEntity, type ApplicantKind } from 'src/modules/dossiers/entities/dossier.entity';
import { DossierCodeService } from 'src/modules/dossiers/persistence/dossier-code.service';
import { DossierJournalService, currentActor } from 'src/modules/dossiers/persistence/dossier-journal.service';
import { DossierStoreService, versionConflict } from 'src/modules/dossiers/persistence/dossier-store.service';
import { IdempotencyService, requestHash } from 'src/modules/dossiers/persistence/idempotency.service';
import { DossierDeadlineService } from 'src/modules/dossiers/services/dossier-deadline.service';

export interface ApplicantInput {
  kind: ApplicantKind;
  name: string;
  idNumber?: string;
  phone?: string;
  email?: string;
  address?: string;
  registryPersonId?: string;
}

/** Death-registration procedures: the deceased person (the applicant is the relative who declares the death). */
export interface DeceasedInput {
  idNumber: string;
  fullName: string;
  /** 'YYYY-MM-DD', not after the submission date. */
  deathDate: string;
}

export interface SubmittedDocumentInput {
  checklistCode?: string;
  name?: string;
  copies?: number;
  form?: 'ORIGINAL' | 'CERTIFIED_COPY' | 'COPY' | 'ELECTRONIC';
}

export interface ReceiveDossierInput {
  procedureCode: string;
  channel: Channel;
  /** Receiving agency; defaults to the caller's agency. */
  agencyId?: string;
  applicant: ApplicantInput;
  deceased?: DeceasedInput;
  documents: SubmittedDocumentInput[];
  /** POSTAL: the postmark date counts as the receipt date. */
  postmarkDate?: string;
  /** The desk checked completeness on the spot and accepts (DIRECT/POSTAL); otherwise the dossier waits in SUBMITTED. */
  acceptNow?: boolean;
}

export interface ReceiveResult {
  dossier: DossierEntity;
  /** True when an Idempotency-Key replay returned the first result. */
  replayed: boolean;
}

interface AgencyRow {
  id: string;
  code: string;
  unit_id: string;
  level: AdminLevel;
}

/**
 * Receipt at the one-stop desk and from portals: validation against the procedure version in force (channel, mandatory
 * documents), the dossier code, the applicant, the documents against the checklist and the steps; then the desk's
 * completeness decision (accept with an appointment date, supplement before acceptance, refusal).
 */
@Injectable()
export class DossierReceiptService {
  constructor(
    private readonly store: DossierStoreService,
    private readonly codes: DossierCodeService,
    private readonly idempotency: IdempotencyService,
    private readonly journal: DossierJournalService,
    private readonly catalog: ProcedureCatalogPort,
    private readonly calendar: DossierCalendarPort,
    private readonly clock: DossierClock,
    private readonly scopes: AccessScopeService,
    private readonly people: PeopleService,
    private readonly deadlines: DossierDeadlineService,
  ) {}

  async receive(input: ReceiveDossierInput, idempotencyKey?: string): Promise<ReceiveResult> {
    const actor = currentActor();
    const now = this.clock.now();
    const today = businessDate(now);
    const procedure = await this.catalog.versionInForce(input.procedureCode, today);
    if (!procedure)
      throw new DomainException('DOSSIER_PROCEDURE_UNKNOWN', `No procedure ${input.procedureCode} is in force on ${today}`);
    if (!procedure.channels.includes(input.channel))
      throw new DomainException(
        'DOSSIER_CHANNEL_NOT_OFFERED',
        `Procedure ${procedure.procedureCode} is offered through ${procedure.channels.join(', ') || 'no channel'}, not ${input.channel}`,
        { offered: procedure.channels },
      );
    const docs = this.matchChecklist(procedure, input.documents);
    if (input.deceased) this.checkDeceased(input.deceased, input.postmarkDate ?? today);
    const agencyId = input.agencyId ?? actor.agencyId;
    if (!agencyId) throw new DomainException('VALIDATION_FAILED', 'agencyId is required for callers without an agency');
    const agency = await this.agency(agencyId);
    if (actor.kind !== 'system') await this.scopes.assertUnitInScope(actor, agency.unit_id);

    const registryPersonId = input.applicant.registryPersonId ?? (await this.matchRegistryPerson(input.applicant));
    const hash = idempotencyKey ? requestHash(input) : null;
    const caller = `${actor.kind}:${actor.id}`;
    if (idempotencyKey && hash) {
      const earlier = await this.idempotency.lookup(caller, idempotencyKey, hash);
      if (earlier) return this.load(earlier, true);
    }
    // The number is taken outside the transaction (never holding two pooled connections, never serialising
    // receipts on the sequence row); a receipt that then fails or loses an idempotency race leaves a gap.
    const { code, scheme } = await this.codes.issue(agency, today);
    const id = await this.store.dataSource.transaction(async (manager) => {
      if (idempotencyKey && hash) {
        const existing = await this.idempotency.claim(manager, caller, idempotencyKey, hash);
        if (existing) return { dossierId: existing, replayed: true };
      }
      const [row] = await manager.query<Array<{ id: string }>>(
        `insert into dossiers (code, code_scheme, procedure_version_id, procedure_code, channel, state, agency_id, unit_id,
           handling_agency_id, handling_unit_id, handling_level, applicant_kind, applicant_name, applicant_id_number,
           applicant_phone, applicant_email, applicant_address, registry_person_id, received_by_kind, received_by_id,
           received_by_name, submitted_at, time_limit_amount, time_limit_unit, deceased_id_number, deceased_name,
           deceased_death_date)
         values ($1, $2, $3, $4, $5, 'SUBMITTED', $6, $7, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21,
           $22, $23, $24)
         returning id`,
        [
          code,
          scheme,
          procedure.id,
          procedure.procedureCode,
          input.channel,
          agency.id,
          agency.unit_id,
          agency.level,
          input.applicant.kind,
          input.applicant.name,
          input.applicant.idNumber ?? null,
          input.applicant.phone ?? null,
          input.applicant.email ?? null,
          input.applicant.address ?? null,
          registryPersonId,
          actor.kind,
          actor.id,
          actor.name,
          input.postmarkDate ? new Date(`${input.postmarkDate}T12:00:00+07:00`) : now,
          procedure.timeLimit?.amount ?? null,
          procedure.timeLimit?.unit ?? null,
          input.deceased?.idNumber ?? null,
          input.deceased?.fullName ?? null,
          input.deceased?.deathDate ?? null,
        ],
      );
      await this.insertDocuments(manager, row.id, docs, false);
      await this.insertSteps(manager, row.id, procedure);
      if (idempotencyKey) await this.idempotency.complete(manager, caller, idempotencyKey, row.id);
      await this.journal.append(manager, {
        dossierId: row.id,
        type: 'dossier.submitted',
        fromState: null,
        toState: 'SUBMITTED',
        payload: {
          code,
          channel: input.channel,
          procedureCode: procedure.procedureCode,
          procedureVersionId: procedure.id,
          agencyId: agency.id,
          unitId: agency.unit_id,
        },
        after: { code, state: 'SUBMITTED', channel: input.channel, procedureCode: procedure.procedureCode },
      });
      if (input.acceptNow) {
        const d = await manager.getRepository(DossierEntity).findOneByOrFail({ id: row.id });
        await this.acceptIn(manager, d, now);
      }
      return { dossierId: row.id, replayed: false };
    });
    return this.load(id.dossierId, id.replayed);
  }

  private async load(id: string, replayed: boolean): Promise<ReceiveResult> {
    const dossier = await this.store.dataSource.getRepository(DossierEntity).findOneByOrFail({ id });
    return { dossier, replayed };
  }

  /** The desk accepts a complete, valid dossier: counting starts, the appointment date is set, steps get due dates. */
  async accept(id: string, version: number): Promise<DossierEntity> {
    const scope = await this.store.scope();
    return this.store.dataSource.transaction(async (manager) => {
      const d = await this.store.findScoped(manager, id, scope);
      if (d.version !== version) throw versionConflict(d.version);
      return this.acceptIn(manager, d, this.clock.now());
    });
  }

  private async acceptIn(manager: EntityManager, d: DossierEntity, now: Date): Promise<DossierEntity> {
    const postmarkDate = d.channel === 'POSTAL' ? businessDate(d.submittedAt) : null;
    const ledger = await this.deadlines.open(manager, d, now, postmarkDate);
    const start = ledger?.countingStart ?? (await this.calendar.countingStart(now, { agencyId: d.agencyId, postmarkDate }));
    const dueDate = ledger?.dueDate ?? (await this.dueFrom(start, d.timeLimitAmount, d.timeLimitUnit));
    const to = nextState(d.state, 'ACCEPT');
    const updated = await this.store.update(manager, d, {
      state: to,
      acceptedAt: now,
      countingStart: start,
      dueDate,
      originalDueDate: dueDate,
      dueAt: ledger?.dueAt ?? (dueDate ? endOfBusinessDay(dueDate) : null),
    });
    await this.scheduleSteps(manager, d.id, start);
    await this.journal.append(manager, {
      dossierId: d.id,
      type: 'dossier.received',
      fromState: d.state,
      toState: to,
      payload: { version: updated.version, countingStart: start, dueDate, acceptedAt: now.toISOString() },
      after: { state: to, dueDate },
    });
    return updated;
  }

  /** Due date: the last of `amount` working days counted from `start` (start is day 1); hours round up to days. */
  async dueFrom(start: string, amountText: string | number | null, unit: string | null): Promise<string | null> {
    if (amountText === null) return null;
    const amount = Number(amountText);
    if (unit === 'CALENDAR_DAYS') {
      const d = new Date(`${start}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() + Math.max(0, Math.ceil(amount) - 1));
      const end = d.toISOString().slice(0, 10);
      return (await this.calendar.isWorkingDay(end)) ? end : this.calendar.addWorkingDays(end, 1);
    }
    const days = unit === 'WORKING_HOURS' ? Math.ceil(amount / 8) : Math.ceil(amount);
    return days <= 1 ? start : this.calendar.addWorkingDays(start, days - 1);
  }

  private async scheduleSteps(manager: EntityManager, dossierId: string, start: string): Promise<void> {
    const steps = await manager.query<Array<{ id: string; budget_amount: string | null; budget_unit: string | null }>>(
      `select id, budget_amount, budget_unit from dossier_steps where dossier_id = $1 order by seq`,
      [dossierId],
    );
    let used = 0;
    for (const s of steps) {
      if (s.budget_amount === null) continue;
      const amount = Number(s.budget_amount);
      used += s.budget_unit === 'WORKING_HOURS' ? amount / 8 : amount; // calendar-day budgets counted as working days
      const days = Math.max(1, Math.ceil(used));
      const due = days <= 1 ? start : await this.calendar.addWorkingDays(start, days - 1);
      await manager.query(`update dossier_steps set due_at = $2 where id = $1`, [s.id, endOfBusinessDay(due)]);
    }
  }

  private matchChecklist(procedure: ProcedureVersionView, submitted: SubmittedDocumentInput[]): SubmittedDocumentInput[] {
    const byCode = new Map(procedure.documents.map((d) => [d.code, d]));
    const unknown = submitted.filter((s) => s.checklistCode && !byCode.has(s.checklistCode)).map((s) => s.checklistCode);
    if (unknown.length > 0)
      throw new DomainException('VALIDATION_FAILED', `Documents not in the checklist: ${unknown.join(', ')}`, {
        errors: unknown.map((c) => ({ field: 'documents', message: `${c} is not in the procedure's checklist` })),
      });
    const given = new Set(submitted.map((s) => s.checklistCode).filter(Boolean));
    const missing = procedure.documents.filter((d) => d.mandatory && !given.has(d.code));
    if (missing.length > 0)
      throw new DomainException(
        'DOSSIER_DOCUMENTS_MISSING',
        `Mandatory documents missing: ${missing.map((m) => `${m.code} (${m.name})`).join('; ')}`,
        { missing: missing.map((m) => ({ code: m.code, name: m.name })) },
      );
    return submitted.map((s) => ({
      ...s,
      name: s.name ?? (s.checklistCode ? byCode.get(s.checklistCode)?.name : undefined) ?? 'Other document',
    }));
  }

  async insertDocuments(manager: EntityManager, dossierId: string, docs: SubmittedDocumentInput[], asSupplement: boolean): Promise<void> {
    if (docs.length === 0) return;
    await manager.query(
      `insert into dossier_documents (dossier_id, checklist_code, name, mandatory, copies, form, as_supplement)
       select $1, c, n, false, coalesce(k, 1), coalesce(f, 'COPY'), $6
       from unnest($2::text[], $3::text[], $4::int[], $5::text[]) as t(c, n, k, f)`,
      [
        dossierId,
        docs.map((d) => d.checklistCode ?? null),
        docs.map((d) => d.name ?? 'Other document'),
        docs.map((d) => d.copies ?? null),
        docs.map((d) => d.form ?? null),
        asSupplement,
      ],
    );
  }

  private async insertSteps(manager: EntityManager, dossierId: string, procedure: ProcedureVersionView): Promise<void> {
    const steps = procedure.steps.length > 0 ? procedure.steps : [{ seq: 1, name: 'Xử lý hồ sơ', level: null, budget: null }];
    await manager.query(
      `insert into dossier_steps (dossier_id, seq, name, level, budget_amount, budget_unit)
       select $1, s, n, l, b, u from unnest($2::int[], $3::text[], $4::text[], $5::numeric[], $6::text[]) as t(s, n, l, b, u)`,
      [
        dossierId,
        steps.map((s) => s.seq),
        steps.map((s) => s.name),
        steps.map((s) => s.level),
        steps.map((s) => s.budget?.amount ?? null),
        steps.map((s) => s.budget?.unit ?? null),
      ],
    );
  }

  /** The deceased's citizen-ID number is structurally valid; the date of death is a real date, not after submission. */
  private checkDeceased(deceased: DeceasedInput, submittedOn: string): void {
    assertValidCccd(deceased.idNumber);
    const day = new Date(`${deceased.deathDate}T00:00:00Z`);
    if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== deceased.deathDate)
      throw new DomainException('VALIDATION_FAILED', 'deceased.deathDate is not a calendar date', {
        errors: [{ field: 'deceased.deathDate', message: 'not a calendar date' }],
      });
    if (deceased.deathDate > submittedOn || deceased.deathDate < '1900-01-01')
      throw new DomainException('VALIDATION_FAILED', `The date of death must be between 1900-01-01 and ${submittedOn}`, {
        errors: [{ field: 'deceased.deathDate', message: 'after the submission date' }],
      });
  }

  /** A person applicant is linked to the registry person with the same citizen-ID number (12 digits), if any. */
  private async matchRegistryPerson(applicant: ApplicantInput): Promise<string | null> {
    if (applicant.kind !== 'PERSON' || !applicant.idNumber || !/^\d{12}$/.test(applicant.idNumber)) return null;
    return (await this.people.findByCccd(applicant.idNumber))?.id ?? null;
  }

  private async agency(id: string): Promise<AgencyRow> {
    const [row] = await this.store.dataSource.query<AgencyRow[]>(
      `select a.id, a.code, a.unit_id, u.level from agencies a join admin_units u on u.id = a.unit_id where a.id = $1 and a.active`,
      [id],
    );
    if (!row) throw new DomainException('NOT_FOUND', 'No active agency with this id');
    return row;
  }
}
