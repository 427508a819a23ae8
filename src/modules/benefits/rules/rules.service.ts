import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from 'src/common/context/request-context';
import { DomainException } from 'src/common/errors/domain.exception';
import {
  meritAmount,
  RuleNotFoundError,
  socialAssistanceAmount,
} from 'src/modules/benefits/domain/calculator';
import type {
  AmountExplanation,
  BaseLevelVersion,
  BenefitScheme,
  MeritTable,
} from 'src/modules/benefits/domain/rules.model';
import { PaymentCyclesService } from 'src/modules/benefits/cycles/payment-cycles.service';
import { RulesRepository, type StoredBaseLevel } from 'src/modules/benefits/rules/rules.repository';
import { AuditService } from 'src/modules/audit/audit.service';

/** Reading and extending the allowance rules, and explaining an amount. Rules are national reference data. */
@Injectable()
export class RulesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: RulesRepository,
    private readonly cycles: PaymentCyclesService,
    private readonly audit: AuditService,
  ) {}

  baseLevels(): Promise<StoredBaseLevel[]> {
    return this.repository.baseLevels();
  }

  /**
   * Adds a base-level version (a new decree, or a province's People's Council resolution). A province level must be
   * above the national one in force on its date (Decree 20/2021 art. 4 k3 lets provinces set more, never less).
   */
  async addBaseLevel(actor: Actor | undefined, input: BaseLevelVersion): Promise<StoredBaseLevel> {
    if ((input.scope === 'PROVINCE') !== (input.unitId !== null))
      throw new DomainException(
        'BENEFIT_RULE_INVALID',
        'a PROVINCE level needs its province unit, a NATIONAL one none',
      );
    if (input.scope === 'PROVINCE') {
      const [unit] = await this.dataSource.query<Array<{ level: string }>>(
        `select level from admin_units where id = $1`,
        [input.unitId],
      );
      if (unit?.level !== 'PROVINCE')
        throw new DomainException('BENEFIT_RULE_INVALID', 'unitId must be a province');
      const national = (await this.repository.load()).bases
        .filter(
          (b) =>
            b.scheme === input.scheme && b.scope === 'NATIONAL' && b.effectiveFrom <= input.effectiveFrom,
        )
        .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0];
      if (national && input.amount <= national.amount)
        throw new DomainException(
          'BENEFIT_RULE_INVALID',
          `a province level must exceed the national ${national.amount}`,
        );
    }
    if (input.scheme === 'MERIT' && input.scope === 'NATIONAL')
      throw new DomainException(
        'BENEFIT_RULE_INVALID',
        'a new preferential base comes with its appendix tables: load it as seed data',
      );
    return this.dataSource.transaction(async (m) => {
      const [row] = await m.query<Array<{ id: string }>>(
        `insert into benefit_base_levels (scheme, scope, unit_id, amount, effective_from, legal_basis, unconfirmed, note, created_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
        [
          input.scheme,
          input.scope,
          input.unitId,
          input.amount,
          input.effectiveFrom,
          input.legalBasis,
          input.unconfirmed,
          input.note ?? null,
          actor ? `${actor.kind}:${actor.name}` : 'system',
        ],
      );
      await this.audit.record(
        { action: 'CREATE', entityType: 'benefit_base_level', entityId: row.id, after: { ...input } },
        m,
      );
      return (await this.repository.baseLevels(m)).find((b) => b.id === row.id) as StoredBaseLevel;
    });
  }

  /** The amount a rule gives for a month, with its explanation (rate, coefficient, legal basis, period). */
  async calculate(input: {
    scheme: BenefitScheme;
    ruleKey: string;
    ruleTable?: MeritTable;
    month: string;
    children?: number;
    unitId?: string;
  }): Promise<AmountExplanation> {
    const rules = await this.repository.load();
    try {
      if (input.scheme === 'SOCIAL_ASSISTANCE') {
        const province = input.unitId ? await this.cycles.provinceOf(input.unitId) : null;
        return socialAssistanceAmount(rules, {
          groupCode: input.ruleKey,
          month: input.month,
          provinceUnitId: province,
          children: input.children,
        });
      }
      if (!input.ruleTable)
        throw new DomainException('BENEFIT_RULE_NOT_FOUND', 'ruleTable is required for MERIT');
      return meritAmount(rules, { table: input.ruleTable, key: input.ruleKey, month: input.month });
    } catch (e) {
      if (e instanceof RuleNotFoundError) throw new DomainException('BENEFIT_RULE_NOT_FOUND', e.detail);
      throw e;
    }
  }
}
