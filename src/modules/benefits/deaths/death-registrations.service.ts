import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { RequestContext, type Actor } from 'src/common/context/request-context';
import { AuditService } from 'src/modules/audit/audit.service';
import { AccessScopeService, scopeParam } from 'src/modules/organisation/units/access-scope.service';
import type { BenefitScheme } from 'src/modules/benefits/domain/rules.model';
import type {
  DeathRegistrationOutcome,
  DeathRegistrationRecord,
} from 'src/modules/benefits/deaths/death-registration.model';
import { PaymentCyclesService } from 'src/modules/benefits/cycles/payment-cycles.service';
import { EntitlementsService } from 'src/modules/benefits/entitlements/entitlements.service';
import type { DossierEntity } from 'src/modules/dossiers/entities/dossier.entity';
import { DossiersService } from 'src/modules/dossiers/services/dossiers.service';
import { OutboxService, type OutboxEvent } from 'src/modules/notifications/outbox/outbox.service';
import { PeopleService } from 'src/modules/registry/people/people.service';
import { VitalEventsService } from 'src/modules/registry/people/vital-events.service';
import type { StatusPeriod } from 'src/modules/registry/statuses/status.model';
import { StatusQueriesService } from 'src/modules/registry/statuses/status-queries.service';

/** The dossier event on which a death-registration dossier has its result (decision granting the request). */
export const DEATH_TRIGGER_EVENT = 'dossier.approved';

/** Registry statuses that qualify for funeral support, and the scheme that pays it. */
const QUALIFYING: Partial<Record<StatusPeriod['kind'], BenefitScheme>> = {
  MERIT: 'MERIT',
  SOCIAL_PROTECTION: 'SOCIAL_ASSISTANCE',
};

/**
 * Statuses held on the date of death: valid_from ≤ death < valid_to, or ended by the death itself (the registry's
 * cascade sets valid_to to the date of death with end_reason DEATH).
 */
export function qualifyingOn(history: StatusPeriod[], deathDate: string): StatusPeriod[] {
  return history.filter(
    (s) =>
      QUALIFYING[s.kind] !== undefined &&
      s.validFrom <= deathDate &&
      (s.validTo === null || s.validTo > deathDate || (s.validTo === deathDate && s.endReason === 'DEATH')),
  );
}

const TRIGGER_ACTOR: Actor = {
  kind: 'system',
  id: 'benefits-death-registration',
  name: 'liên thông khai tử',
  agencyId: null,
  roles: [],
  scopes: [],
};

const COLUMNS = `id, dossier_id as "dossierId", dossier_code as "dossierCode", procedure_code as "procedureCode",
  person_id as "personId", unit_id as "unitId", to_char(death_date, 'YYYY-MM-DD') as "deathDate", outcome, reason,
  one_off_id as "oneOffId", death_recorded as "deathRecorded", entitlements_ended as "entitlementsEnded",
  created_at as "createdAt"`;

type Outcome = Omit<DeathRegistrationRecord, 'id' | 'dossierId' | 'dossierCode' | 'procedureCode' | 'createdAt'>;

/**
 * Funeral support triggered by the inter-level death-registration group (liên thông khai tử – xóa thường trú – mai
 * táng phí). When a dossier of a procedure listed in `benefit_death_registration_procedures` is approved, the dossier
 * outbox event (at-least-once, retried by the `outbox` queue) reaches this subscriber, which in one transaction:
 * runs the registry's death cascade for the deceased (statuses and memberships end, review task), ends their
 * entitlements as a cycle would (later cycles recover overpaid months), grants funeral support once per person when
 * a meritorious or social-protection status was held on the date of death (amount from the versioned funeral rules),
 * and records one outcome per dossier with its reason, plus an audit row. A re-delivered event finds the outcome and
 * changes nothing.
 */
@Injectable()
export class DeathRegistrationsService implements OnModuleInit {
  private readonly logger = new Logger('DeathRegistrations');

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly dossiers: DossiersService,
    private readonly people: PeopleService,
    private readonly vital: VitalEventsService,
    private readonly statuses: StatusQueriesService,
    private readonly entitlements: EntitlementsService,
    private readonly cycles: PaymentCyclesService,
    private readonly audit: AuditService,
    private readonly scope: AccessScopeService,
  ) {}

  onModuleInit(): void {
    this.outbox.subscribe(DEATH_TRIGGER_EVENT, async (event) => void (await this.handle(event)));
  }

  /** Handles one dossier event; a no-op unless it is an approved dossier of the death-registration group. */
  async handle(event: OutboxEvent): Promise<DeathRegistrationRecord | undefined> {
    if (event.aggregateType !== 'dossier' || event.eventType !== DEATH_TRIGGER_EVENT) return undefined;
    const done = await this.outcomeOf(event.aggregateId);
    if (done) return done;
    const view = await this.dossiers.systemView(event.aggregateId);
    if (!view) return undefined;
    const [procedure] = await this.dataSource.query<Array<{ grantsFuneral: boolean }>>(
      `select grants_funeral as "grantsFuneral" from benefit_death_registration_procedures where procedure_code = $1`,
      [view.dossier.procedureCode],
    );
    if (!procedure) return undefined;
    return RequestContext.run({ requestId: `outbox-${event.id}`, actor: TRIGGER_ACTOR }, () =>
      this.process(event, view.dossier, procedure.grantsFuneral),
    );
  }

  /**
   * Outcomes in the caller's scope (the paying unit, else the dossier's unit), newest id order for keyset paging:
   * what was granted and why not, for the officer who follows up.
   */
  async list(
    actor: Actor | undefined,
    filter: {
      personId?: string;
      dossierId?: string;
      outcome?: DeathRegistrationOutcome;
      afterId?: string;
      limit: number;
    },
  ): Promise<DeathRegistrationRecord[]> {
    const units = scopeParam(await this.scope.unitScope(actor));
    return this.dataSource.query<DeathRegistrationRecord[]>(
      `select ${COLUMNS} from benefit_death_registrations
        where ($1::uuid[] is null or coalesce(unit_id, dossier_unit_id) = any($1)) and ($2::uuid is null or person_id = $2)
          and ($3::uuid is null or dossier_id = $3) and ($4::text is null or outcome = $4) and ($5::uuid is null or id > $5)
        order by id limit $6`,
      [
        units,
        filter.personId ?? null,
        filter.dossierId ?? null,
        filter.outcome ?? null,
        filter.afterId ?? null,
        filter.limit,
      ],
    );
  }

  /** The outcome of a dossier (system read, no scope). */
  async outcomeOf(dossierId: string, manager?: EntityManager): Promise<DeathRegistrationRecord | undefined> {
    const [row] = await (manager ?? this.dataSource.manager).query<DeathRegistrationRecord[]>(
      `select ${COLUMNS} from benefit_death_registrations where dossier_id = $1`,
      [dossierId],
    );
    return row;
  }

  private async process(
    event: OutboxEvent,
    d: DossierEntity,
    grantsFuneral: boolean,
  ): Promise<DeathRegistrationRecord> {
    const none = { personId: null, unitId: null, oneOffId: null, deathRecorded: false, entitlementsEnded: 0 };
    if (!d.deceasedIdNumber || !d.deceasedDeathDate)
      return this.save(this.dataSource.manager, event, d, {
        ...none,
        deathDate: null,
        outcome: 'NO_DECEASED_DATA',
        reason: 'Hồ sơ không có số định danh và ngày chết của người chết: không xác định được đối tượng',
      });
    const deathDate = d.deceasedDeathDate;
    const found = await this.people.findByCccd(d.deceasedIdNumber);
    if (!found)
      return this.save(this.dataSource.manager, event, d, {
        ...none,
        deathDate,
        outcome: 'PERSON_NOT_IN_REGISTRY',
        reason: 'Người chết không có trong cơ sở dữ liệu đối tượng (không khớp số định danh)',
      });
    const history = await this.statuses.personHistory(found.id);
    return this.dataSource.transaction(async (m) => {
      // The person's row lock serialises deliveries for one person (and the registry's cascade takes it too).
      const person = await this.people.getUnscoped(found.id, m, true);
      const again = await this.outcomeOf(d.id, m);
      if (again) return again;
      const deathRecorded = person.vitalStatus !== 'DECEASED';
      if (deathRecorded) await this.vital.recordDeath(person.id, deathDate, { source: 'DOSSIER', ref: d.code }, m);
      const ended = await this.cycles.endForRecordedDeaths(m, null, person.id);
      if (ended.length > 0)
        await this.audit.record(
          {
            action: 'END',
            entityType: 'benefit_entitlement',
            entityId: null,
            after: { reason: 'DEATH', dossierId: d.id, entitlementIds: ended },
          },
          m,
        );
      const qualifying = qualifyingOn(history, deathDate);
      const unitId = qualifying.find((s) => s.unitId)?.unitId ?? person.residenceUnitId;
      const base = { personId: person.id, deathDate, deathRecorded, entitlementsEnded: ended.length };
      const recordedNote = deathRecorded ? '' : ` (đã ghi nhận chết từ trước, ngày ${person.deathDate ?? '?'})`;
      if (!grantsFuneral)
        return this.save(m, event, d, {
          ...base,
          unitId,
          oneOffId: null,
          outcome: 'NOT_A_FUNERAL_PROCEDURE',
          reason: `Thủ tục ${d.procedureCode} không thuộc chế độ mai táng do ngành chi trả (BHXH giải quyết)${recordedNote}`,
        });
      if (qualifying.length === 0) {
        const held = history.map((s) => `${s.kind} ${s.validFrom}–${s.validTo ?? ''}`).join('; ') || 'không có';
        return this.save(m, event, d, {
          ...base,
          unitId,
          oneOffId: null,
          outcome: 'NOT_QUALIFIED',
          reason: `Ngày ${deathDate} người chết không thuộc diện người có công hoặc bảo trợ xã hội (diện đã có: ${held})${recordedNote}`,
        });
      }
      if (!unitId)
        return this.save(m, event, d, {
          ...base,
          unitId: null,
          oneOffId: null,
          outcome: 'NO_UNIT',
          reason: 'Không xác định được đơn vị hành chính chi trả (diện hưởng và nơi cư trú đều trống)',
        });
      const schemes = [...new Set(qualifying.map((s) => QUALIFYING[s.kind] as BenefitScheme))];
      const grant = await this.entitlements.grantFuneralForDeath(m, {
        personId: person.id,
        deathDate,
        unitId,
        payeeName: d.applicantName,
        dossierId: d.id,
        schemes,
      });
      if (grant.outcome !== 'GRANTED')
        return this.save(m, event, d, { ...base, unitId, oneOffId: null, outcome: grant.outcome, reason: grant.reason });
      return this.save(m, event, d, {
        ...base,
        unitId,
        oneOffId: grant.id,
        outcome: 'GRANTED',
        reason: `${grant.explanation}; chi trả cho ${d.applicantName} trong kỳ chi trả tới của đơn vị`,
      });
    });
  }

  /** Records the dossier's outcome (first one wins) with an audit row; returns the stored outcome. */
  private async save(
    m: EntityManager,
    event: OutboxEvent,
    d: DossierEntity,
    o: Outcome,
  ): Promise<DeathRegistrationRecord> {
    const [row] = await m.query<DeathRegistrationRecord[]>(
      `insert into benefit_death_registrations (dossier_id, dossier_code, procedure_code, outbox_event_id, person_id,
         unit_id, death_date, outcome, reason, one_off_id, death_recorded, entitlements_ended, dossier_unit_id)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       on conflict (dossier_id) do nothing returning ${COLUMNS}`,
      [
        d.id,
        d.code,
        d.procedureCode,
        /^\d+$/.test(event.id) ? event.id : null,
        o.personId,
        o.unitId,
        o.deathDate,
        o.outcome,
        o.reason,
        o.oneOffId,
        o.deathRecorded,
        o.entitlementsEnded,
        d.unitId,
      ],
    );
    if (!row) return (await this.outcomeOf(d.id, m)) as DeathRegistrationRecord;
    await this.audit.record(
      {
        action: 'DEATH_REGISTRATION_FUNERAL',
        entityType: 'benefit_death_registration',
        entityId: row.id,
        after: {
          dossierId: d.id,
          outcome: o.outcome,
          reason: o.reason,
          oneOffId: o.oneOffId,
          deathRecorded: o.deathRecorded,
          entitlementsEnded: o.entitlementsEnded,
        },
      },
      m,
    );
    this.logger.log(`death-registration dossier ${d.id}: ${o.outcome}`);
    return row;
  }
}
