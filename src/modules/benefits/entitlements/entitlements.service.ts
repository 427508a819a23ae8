import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { RequestContext, type Actor } from 'src/common/context/request-context';
import { DomainException } from 'src/common/errors/domain.exception';
import { funeralSupport, meritRuleFor, RuleNotFoundError } from 'src/modules/benefits/domain/calculator';
import type { AmountExplanation } from 'src/modules/benefits/domain/rules.model';
import { addMonths, monthOf } from 'src/modules/benefits/domain/months';
import type { BenefitScheme, MeritTable } from 'src/modules/benefits/domain/rules.model';
import { RulesRepository } from 'src/modules/benefits/rules/rules.repository';
import { rowsOf } from 'src/modules/benefits/domain/sql-rows';
import { AuditService } from 'src/modules/audit/audit.service';
import { AccessScopeService, scopeParam } from 'src/modules/organisation/units/access-scope.service';
import { StatusQueriesService } from 'src/modules/registry/statuses/status-queries.service';
import { PaymentCyclesService } from 'src/modules/benefits/cycles/payment-cycles.service';

export type EntitlementState = 'ACTIVE' | 'SUSPENDED' | 'ENDED';

export interface EntitlementRecord {
  id: string;
  personId: string;
  unitId: string;
  statusKind: string;
  statusId: string;
  scheme: BenefitScheme;
  ruleTable: MeritTable | null;
  ruleKey: string;
  children: number;
  startDate: string;
  endDate: string | null;
  settledBefore: string | null;
  state: EntitlementState;
  suspendedFrom: string | null;
  suspendReason: string | null;
  decisionNumber: string;
  decisionDate: string;
  version: number;
}

const COLUMNS = `e.id, e.person_id as "personId", e.unit_id as "unitId", e.status_kind as "statusKind",
  e.status_id as "statusId", e.scheme, e.rule_table as "ruleTable", e.rule_key as "ruleKey", e.children,
  to_char(e.start_date, 'YYYY-MM-DD') as "startDate", to_char(e.end_date, 'YYYY-MM-DD') as "endDate",
  to_char(e.settled_before, 'YYYY-MM-DD') as "settledBefore", e.state,
  to_char(e.suspended_from, 'YYYY-MM-DD') as "suspendedFrom", e.suspend_reason as "suspendReason",
  e.decision_number as "decisionNumber", to_char(e.decision_date, 'YYYY-MM-DD') as "decisionDate", e.version`;

export interface CreateEntitlementInput {
  personId: string;
  statusId: string;
  /** Merit: the table and key; or give `injuryRate` and the category decides. Social assistance: the group code. */
  ruleTable?: MeritTable;
  ruleKey?: string;
  injuryRate?: number;
  children?: number;
  /** Defaults to the status's valid_from (the decision's effective date, possibly in the past). */
  startDate?: string;
  endDate?: string | null;
  /** Months before this were paid outside An Sinh (legacy data): no arrears are computed for them. */
  settledBefore?: string | null;
  unitId?: string;
}

export interface FuneralGrantInput {
  personId: string;
  deathDate: string;
  unitId: string;
  payeeName: string;
  /** The death-registration dossier of the inter-level group, if any. */
  dossierId?: string | null;
}

const actorName = (actor: Actor | undefined): string => (actor ? `${actor.kind}:${actor.name}` : 'system');

/** Entitlements: a person's registry status linked to an allowance rule over a period. */
@Injectable()
export class EntitlementsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rules: RulesRepository,
    private readonly scope: AccessScopeService,
    private readonly audit: AuditService,
    private readonly statuses: StatusQueriesService,
    private readonly cycles: PaymentCyclesService,
  ) {}

  async create(actor: Actor | undefined, input: CreateEntitlementInput): Promise<EntitlementRecord> {
    const status = (await this.statuses.personHistory(input.personId)).find((s) => s.id === input.statusId);
    if (!status || status.kind === 'POVERTY') throw new DomainException('BENEFIT_STATUS_NOT_FOUND');
    const unitId = input.unitId ?? status.unitId;
    if (!unitId)
      throw new DomainException('BENEFIT_RULE_INVALID', 'the person has no residence unit: give unitId');
    await this.scope.assertUnitInScope(actor, unitId);
    let scheme: BenefitScheme;
    let ruleTable: MeritTable | null = null;
    let ruleKey = input.ruleKey;
    if (status.kind === 'SOCIAL_PROTECTION') {
      scheme = 'SOCIAL_ASSISTANCE';
      ruleKey = ruleKey ?? status.value;
    } else if (status.kind === 'MERIT' || status.kind === 'MERIT_RELATIVE') {
      scheme = 'MERIT';
      const derived = input.ruleTable ? null : meritRuleFor(status.value, input.injuryRate ?? null);
      ruleTable = input.ruleTable ?? derived?.table ?? null;
      ruleKey = input.ruleTable ? ruleKey : (derived?.key ?? ruleKey);
      if (!ruleTable)
        throw new DomainException('BENEFIT_RULE_NOT_FOUND', 'give ruleTable and ruleKey for this status');
    } else
      throw new DomainException('BENEFIT_RULE_NOT_FOUND', `no monthly allowance rule for ${status.kind}`);
    if (!ruleKey) throw new DomainException('BENEFIT_RULE_NOT_FOUND', 'ruleKey is required');
    await this.assertRuleExists(scheme, ruleTable, ruleKey);
    return this.dataSource.transaction(async (m) => {
      const [row] = await m.query<EntitlementRecord[]>(
        `insert into benefit_entitlements as e (person_id, unit_id, status_kind, status_id, scheme, rule_table, rule_key,
           children, start_date, end_date, settled_before, decision_number, decision_date, created_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) returning ${COLUMNS}`,
        [
          input.personId,
          unitId,
          status.kind,
          status.id,
          scheme,
          ruleTable,
          ruleKey,
          input.children ?? 1,
          input.startDate ?? status.validFrom,
          input.endDate !== undefined ? input.endDate : status.validTo,
          input.settledBefore ?? null,
          status.decisionNumber,
          status.decisionDate,
          actorName(actor),
        ],
      );
      await this.audit.record(
        { action: 'CREATE', entityType: 'benefit_entitlement', entityId: row.id, after: { ...row } },
        m,
      );
      return row;
    });
  }

  private async assertRuleExists(
    scheme: BenefitScheme,
    table: MeritTable | null,
    key: string,
  ): Promise<void> {
    const [hit] = await this.dataSource.query<unknown[]>(
      scheme === 'SOCIAL_ASSISTANCE'
        ? `select 1 from benefit_sa_groups where code = $1`
        : `select 1 from benefit_merit_table_rows where table_code = $2 and key = $1 limit 1`,
      scheme === 'SOCIAL_ASSISTANCE' ? [key] : [key, table],
    );
    if (!hit)
      throw new DomainException('BENEFIT_RULE_NOT_FOUND', `no rule ${table ? `${table}:` : ''}${key}`);
  }

  /**
   * Ends an entitlement (possibly retroactively: the next cycle then recovers what was paid for months after the
   * end). `endDate` is exclusive: the first month not paid is the month containing it, unless it is the 1st.
   */
  async end(
    actor: Actor | undefined,
    id: string,
    endDate: string,
    reason: string,
  ): Promise<EntitlementRecord> {
    return this.dataSource.transaction(async (m) => {
      const before = await this.getForActor(actor, id, m, true);
      const [row] = rowsOf<EntitlementRecord>(
        await m.query(
          `update benefit_entitlements e set end_date = $2, state = 'ENDED', suspended_from = null,
           suspend_reason = $3, updated_at = now(), version = version + 1 where id = $1 returning ${COLUMNS}`,
          [id, endDate, reason],
        ),
      );
      await this.audit.record(
        {
          action: 'END',
          entityType: 'benefit_entitlement',
          entityId: id,
          before: { ...before },
          after: { ...row },
        },
        m,
      );
      return row;
    });
  }

  /** A death found late: every entitlement of the person ends from the month after the death month. */
  async endForDeath(
    actor: Actor | undefined,
    personId: string,
    deathDate: string,
  ): Promise<EntitlementRecord[]> {
    const ids = await this.dataSource.query<Array<{ id: string }>>(
      `select id from benefit_entitlements where person_id = $1 and (end_date is null or end_date > $2::date)`,
      [personId, addMonths(monthOf(deathDate), 1)],
    );
    const out: EntitlementRecord[] = [];
    for (const { id } of ids)
      out.push(await this.end(actor, id, addMonths(monthOf(deathDate), 1), `Từ trần ngày ${deathDate}`));
    return out;
  }

  /** Suspends from a month (e.g. three months not collected) or resumes (`from` null). */
  async setSuspended(
    actor: Actor | undefined,
    id: string,
    from: string | null,
    reason: string | null,
    manager?: EntityManager,
  ): Promise<EntitlementRecord> {
    const run = async (m: EntityManager): Promise<EntitlementRecord> => {
      const before = await this.getForActor(actor, id, m, true);
      if (before.state === 'ENDED')
        throw new DomainException('BENEFIT_RULE_INVALID', 'the entitlement has ended');
      const [row] = rowsOf<EntitlementRecord>(
        await m.query(
          `update benefit_entitlements e set state = $2, suspended_from = $3, suspend_reason = $4, updated_at = now(),
           version = version + 1 where id = $1 returning ${COLUMNS}`,
          [id, from ? 'SUSPENDED' : 'ACTIVE', from ? monthOf(from) : null, reason],
        ),
      );
      await this.audit.record(
        {
          action: from ? 'SUSPEND' : 'RESUME',
          entityType: 'benefit_entitlement',
          entityId: id,
          before: { ...before },
          after: { ...row },
        },
        m,
      );
      return row;
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  async getForActor(
    actor: Actor | undefined,
    id: string,
    manager?: EntityManager,
    forUpdate = false,
  ): Promise<EntitlementRecord> {
    const units = scopeParam(await this.scope.unitScope(actor));
    const [row] = await (manager ?? this.dataSource.manager).query<EntitlementRecord[]>(
      `select ${COLUMNS} from benefit_entitlements e where e.id = $1 and ($2::uuid[] is null or e.unit_id = any($2))
       ${forUpdate ? 'for update' : ''}`,
      [id, units],
    );
    if (!row) throw new DomainException('BENEFIT_ENTITLEMENT_NOT_FOUND');
    return row;
  }

  async list(
    actor: Actor | undefined,
    filter: { unitId?: string; personId?: string; state?: EntitlementState; afterId?: string; limit: number },
  ): Promise<EntitlementRecord[]> {
    const units = scopeParam(await this.scope.unitScope(actor));
    return this.dataSource.query<EntitlementRecord[]>(
      `select ${COLUMNS} from benefit_entitlements e
        where ($1::uuid[] is null or e.unit_id = any($1)) and ($2::uuid is null or e.unit_id = $2)
          and ($3::uuid is null or e.person_id = $3) and ($4::text is null or e.state = $4) and ($5::uuid is null or e.id > $5)
        order by e.id limit $6`,
      [
        units,
        filter.unitId ?? null,
        filter.personId ?? null,
        filter.state ?? null,
        filter.afterId ?? null,
        filter.limit,
      ],
    );
  }

  /**
   * Grants funeral support (one-off, the scheme's funeral rule × the base it names) for a deceased beneficiary, once
   * per person; the next cycle of the unit pays it. The death-registration trigger (`deaths/`) calls `grantFuneralForDeath` instead.
   */
  async grantFuneralSupport(
    actor: Actor | undefined,
    input: FuneralGrantInput & { scheme: BenefitScheme },
  ): Promise<{ id: string; amount: number; explanation: string; legalBasis: string }> {
    await this.scope.assertUnitInScope(actor, input.unitId);
    const calc = await this.funeralAmount(input.scheme, input.deathDate, input.unitId);
    return this.dataSource.transaction(async (m) => {
      const id = await this.insertFuneral(m, actor, { ...input, scheme: input.scheme }, calc);
      if (!id) throw new DomainException('BENEFIT_ONE_OFF_EXISTS');
      return { id, amount: calc.amount, explanation: calc.text, legalBasis: calc.legalBasis };
    });
  }

  /**
   * Funeral support for a death registered by a dossier (system path, in the caller's transaction): the highest
   * amount among the schemes the deceased qualified for (one funeral support per person), or why none is granted.
   */
  async grantFuneralForDeath(
    m: EntityManager,
    input: FuneralGrantInput & { schemes: BenefitScheme[] },
  ): Promise<
    | { outcome: 'GRANTED'; id: string; scheme: BenefitScheme; amount: number; explanation: string }
    | { outcome: 'ALREADY_GRANTED' | 'NO_FUNERAL_RULE'; reason: string }
  > {
    const options: Array<{ scheme: BenefitScheme; calc: AmountExplanation }> = [];
    const missing: string[] = [];
    for (const scheme of input.schemes) {
      try {
        options.push({ scheme, calc: await this.funeralAmount(scheme, input.deathDate, input.unitId, m) });
      } catch (e) {
        if (!(e instanceof DomainException) || e.code !== 'BENEFIT_RULE_NOT_FOUND') throw e;
        missing.push(scheme);
      }
    }
    const best = options.sort((a, b) => b.calc.amount - a.calc.amount)[0];
    if (!best)
      return {
        outcome: 'NO_FUNERAL_RULE',
        reason: `Chưa có quy định mức mai táng phí cho chế độ ${missing.join(', ')} ngày ${input.deathDate}`,
      };
    const id = await this.insertFuneral(m, RequestContext.actor(), { ...input, scheme: best.scheme }, best.calc);
    if (!id) return { outcome: 'ALREADY_GRANTED', reason: 'Người này đã được hỗ trợ chi phí mai táng (một lần)' };
    return { outcome: 'GRANTED', id, scheme: best.scheme, amount: best.calc.amount, explanation: best.calc.text };
  }

  private async funeralAmount(
    scheme: BenefitScheme,
    deathDate: string,
    unitId: string,
    m?: EntityManager,
  ): Promise<AmountExplanation> {
    const rules = await this.rules.load(m);
    const province = await this.cycles.provinceOf(unitId, m);
    try {
      return funeralSupport(rules, { scheme, deathDate, provinceUnitId: province });
    } catch (e) {
      if (e instanceof RuleNotFoundError) throw new DomainException('BENEFIT_RULE_NOT_FOUND', e.detail);
      throw e;
    }
  }

  /** Inserts the one-off with its audit row; null when the person already has funeral support. */
  private async insertFuneral(
    m: EntityManager,
    actor: Actor | undefined,
    input: FuneralGrantInput & { scheme: BenefitScheme },
    calc: AmountExplanation,
  ): Promise<string | null> {
    const [row] = await m.query<Array<{ id: string }>>(
      `insert into benefit_one_offs (kind, scheme, person_id, unit_id, payee_name, event_date, amount, rate,
         coefficient_hundredths, legal_basis, explanation, dossier_id, created_by)
       values ('FUNERAL', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       on conflict (person_id, kind) do nothing returning id`,
      [
        input.scheme,
        input.personId,
        input.unitId,
        input.payeeName,
        input.deathDate,
        calc.amount,
        calc.rate,
        calc.coefficientHundredths,
        calc.legalBasis,
        calc.text,
        input.dossierId ?? null,
        actorName(actor),
      ],
    );
    if (!row) return null;
    await this.audit.record(
      {
        action: 'GRANT_FUNERAL_SUPPORT',
        entityType: 'benefit_one_off',
        entityId: row.id,
        after: { amount: calc.amount, scheme: input.scheme, deathDate: input.deathDate, dossierId: input.dossierId ?? null },
      },
      m,
    );
    return row.id;
  }
}
