import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { RuleSet } from 'src/modules/benefits/domain/calculator';
import { parseVnd } from 'src/modules/benefits/domain/money';
import type {
  AmountOrigin,
  BaseLevelVersion,
  BenefitScheme,
  FuneralBaseKind,
  MeritTable,
  MeritTableRow,
  PaymentCalendarRule,
  RateScope,
  SocialAssistanceGroup,
  StatutoryBaseSalaryVersion,
} from 'src/modules/benefits/domain/rules.model';

interface BaseRow {
  id: string;
  scheme: BenefitScheme;
  scope: RateScope;
  unitId: string | null;
  amount: string;
  effectiveFrom: string;
  legalBasis: string;
  unconfirmed: boolean;
  note: string | null;
}

export interface StoredBaseLevel extends BaseLevelVersion {
  id: string;
}

/** Loads the rules from the database into the calculator's `RuleSet` (they change rarely; read per use). */
@Injectable()
export class RulesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async baseLevels(manager?: EntityManager): Promise<StoredBaseLevel[]> {
    const rows = await (manager ?? this.dataSource.manager).query<BaseRow[]>(
      `select id, scheme, scope, unit_id as "unitId", amount, to_char(effective_from, 'YYYY-MM-DD') as "effectiveFrom",
              legal_basis as "legalBasis", unconfirmed, note
         from benefit_base_levels order by scheme, scope, effective_from`,
    );
    return rows.map((r) => ({ ...r, amount: parseVnd(r.amount), note: r.note ?? undefined }));
  }

  async load(manager?: EntityManager): Promise<RuleSet> {
    const m = manager ?? this.dataSource.manager;
    const bases = await this.baseLevels(m);
    const groups = await m.query<
      Array<SocialAssistanceGroup & { perChild: boolean; exceptionRole: 'SINGLE_PARENT' | 'PARTNER' | null }>
    >(
      `select code, coefficient_hundredths as "coefficientHundredths", legal_basis as "legalBasis", description,
              per_child as "perChild", exception_role as "exceptionRole" from benefit_sa_groups order by code`,
    );
    const tableRows = await m.query<
      Array<{
        effectiveFrom: string;
        table: MeritTable;
        key: string;
        label: string;
        amount: string;
        origin: AmountOrigin;
        multiple: number | null;
      }>
    >(
      `select to_char(b.effective_from, 'YYYY-MM-DD') as "effectiveFrom", r.table_code as "table", r.key, r.label,
              r.amount, r.origin, r.base_multiple_hundredths as multiple
         from benefit_merit_table_rows r join benefit_base_levels b on b.id = r.base_level_id
        where b.scheme = 'MERIT' and b.scope = 'NATIONAL'`,
    );
    const meritTables = new Map<string, MeritTableRow[]>();
    for (const r of tableRows) {
      const list = meritTables.get(r.effectiveFrom) ?? [];
      list.push({
        table: r.table,
        key: r.key,
        label: r.label,
        amount: parseVnd(r.amount),
        origin: r.origin,
        baseMultipleHundredths: r.multiple ?? undefined,
      });
      meritTables.set(r.effectiveFrom, list);
    }
    const funeral = await m.query<
      Array<{
        scheme: BenefitScheme;
        multipleHundredths: number;
        baseKind: FuneralBaseKind;
        effectiveFrom: string;
        legalBasis: string;
        unconfirmed: boolean;
        note: string | null;
      }>
    >(
      `select scheme, multiple_hundredths as "multipleHundredths", base_kind as "baseKind",
              to_char(effective_from, 'YYYY-MM-DD') as "effectiveFrom", legal_basis as "legalBasis", unconfirmed, note
         from benefit_funeral_rules`,
    );
    return {
      bases,
      groups: groups.map((g) => ({ ...g, exceptionRole: g.exceptionRole ?? undefined })),
      meritTables,
      funeral: funeral.map((f) => ({ ...f, note: f.note ?? undefined })),
      statutoryBaseSalaries: await this.statutoryBaseSalaries(m),
    };
  }

  /** The statutory base salary versions (mức lương cơ sở), oldest first. */
  async statutoryBaseSalaries(manager?: EntityManager): Promise<StatutoryBaseSalaryVersion[]> {
    const rows = await (manager ?? this.dataSource.manager).query<
      Array<Omit<StatutoryBaseSalaryVersion, 'amount' | 'note'> & { amount: string; note: string | null }>
    >(
      `select amount, to_char(effective_from, 'YYYY-MM-DD') as "effectiveFrom", legal_basis as "legalBasis",
              unconfirmed, note
         from benefit_statutory_base_salaries order by effective_from`,
    );
    return rows.map((r) => ({ ...r, amount: parseVnd(r.amount), note: r.note ?? undefined }));
  }

  async calendar(manager?: EntityManager): Promise<PaymentCalendarRule> {
    const [row] = await (manager ?? this.dataSource.manager).query<PaymentCalendarRule[]>(
      `select list_due_month_offset as "listDueMonthOffset", list_due_day as "listDueDay",
              report_due_month_offset as "reportDueMonthOffset", report_due_day as "reportDueDay",
              suspend_after_uncollected_months as "suspendAfterUncollectedMonths", legal_basis as "legalBasis"
         from benefit_payment_calendar where id = 1`,
    );
    if (!row) throw new Error('benefit_payment_calendar is empty: run the benefits seeder');
    return row;
  }
}
