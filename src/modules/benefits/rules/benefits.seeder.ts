import type { EntityManager } from 'typeorm';
import type { Seeder } from 'src/database/seed/seeder';
import { meritTablesFor } from 'src/modules/benefits/domain/merit-tables';
import type { BaseLevelVersion } from 'src/modules/benefits/domain/rules.model';
import { DEATH_REGISTRATION_PROCEDURES } from 'src/modules/benefits/seed-data/death-registration-procedures.seed-data';
import { MERIT_BASES } from 'src/modules/benefits/seed-data/merit-tables.seed-data';
import { FUNERAL_RULES, STATUTORY_BASE_SALARIES } from 'src/modules/benefits/seed-data/funeral.seed-data';
import {
  PAYMENT_CALENDAR,
  SOCIAL_ASSISTANCE_BASES,
  SOCIAL_ASSISTANCE_GROUPS,
} from 'src/modules/benefits/seed-data/social-assistance.seed-data';

async function upsertBase(manager: EntityManager, b: BaseLevelVersion): Promise<string> {
  const [row] = await manager.query<Array<{ id: string }>>(
    `insert into benefit_base_levels (scheme, scope, unit_id, amount, effective_from, legal_basis, unconfirmed, note)
     values ($1, $2, $3, $4, $5, $6, $7, $8)
     on conflict (scheme, scope, coalesce(unit_id, '00000000-0000-0000-0000-000000000000'::uuid), effective_from)
     do update set amount = excluded.amount, legal_basis = excluded.legal_basis, unconfirmed = excluded.unconfirmed,
       note = excluded.note
     returning id`,
    [b.scheme, b.scope, b.unitId, b.amount, b.effectiveFrom, b.legalBasis, b.unconfirmed, b.note ?? null],
  );
  return row.id;
}

/**
 * The allowance rules (reference data, order 20): national base levels, social-assistance groups, the whole
 * meritorious tables of every base version (sourced / multiple of base / interpolated / scaled, as marked), the
 * statutory base salary versions, the funeral rules, the payment calendar and the death-registration procedures that trigger funeral support (inserted
 * once: the department's later edits are kept). Idempotent: reruns update in place.
 */
export const BENEFITS_SEEDER: Seeder = {
  name: 'benefits-rules',
  order: 20,
  async run(manager: EntityManager): Promise<void> {
    for (const b of SOCIAL_ASSISTANCE_BASES) await upsertBase(manager, b);
    for (const g of SOCIAL_ASSISTANCE_GROUPS)
      await manager.query(
        `insert into benefit_sa_groups (code, coefficient_hundredths, legal_basis, description, per_child, exception_role)
         values ($1, $2, $3, $4, $5, $6)
         on conflict (code) do update set coefficient_hundredths = excluded.coefficient_hundredths,
           legal_basis = excluded.legal_basis, description = excluded.description, per_child = excluded.per_child,
           exception_role = excluded.exception_role`,
        [
          g.code,
          g.coefficientHundredths,
          g.legalBasis,
          g.description,
          g.perChild ?? false,
          g.exceptionRole ?? null,
        ],
      );
    for (const b of MERIT_BASES) {
      const id = await upsertBase(manager, b);
      const rows = meritTablesFor(b).rows;
      await manager.query(
        `insert into benefit_merit_table_rows (base_level_id, table_code, key, label, amount, origin, base_multiple_hundredths)
         select $1, t.table_code, t.key, t.label, t.amount, t.origin, t.multiple
           from jsonb_to_recordset($2::jsonb) as t(table_code text, key text, label text, amount bigint, origin text,
             multiple integer)
         on conflict (base_level_id, table_code, key) do update set label = excluded.label, amount = excluded.amount,
           origin = excluded.origin, base_multiple_hundredths = excluded.base_multiple_hundredths`,
        [
          id,
          JSON.stringify(
            rows.map((r) => ({
              table_code: r.table,
              key: r.key,
              label: r.label,
              amount: r.amount,
              origin: r.origin,
              multiple: r.baseMultipleHundredths ?? null,
            })),
          ),
        ],
      );
    }
    for (const v of STATUTORY_BASE_SALARIES)
      await manager.query(
        `insert into benefit_statutory_base_salaries (amount, effective_from, legal_basis, unconfirmed, note)
         values ($1, $2, $3, $4, $5)
         on conflict (effective_from) do update set amount = excluded.amount, legal_basis = excluded.legal_basis,
           unconfirmed = excluded.unconfirmed, note = excluded.note`,
        [v.amount, v.effectiveFrom, v.legalBasis, v.unconfirmed, v.note ?? null],
      );
    for (const f of FUNERAL_RULES)
      await manager.query(
        `insert into benefit_funeral_rules (scheme, multiple_hundredths, base_kind, effective_from, legal_basis,
           unconfirmed, note)
         values ($1, $2, $3, $4, $5, $6, $7)
         on conflict (scheme, effective_from) do update set multiple_hundredths = excluded.multiple_hundredths,
           base_kind = excluded.base_kind, legal_basis = excluded.legal_basis, unconfirmed = excluded.unconfirmed,
           note = excluded.note`,
        [f.scheme, f.multipleHundredths, f.baseKind, f.effectiveFrom, f.legalBasis, f.unconfirmed, f.note ?? null],
      );
    await manager.query(
      `insert into benefit_death_registration_procedures (procedure_code, grants_funeral, label, source)
       select t.procedure_code, t.grants_funeral, t.label, t.source
         from jsonb_to_recordset($1::jsonb) as t(procedure_code text, grants_funeral boolean, label text, source text)
       on conflict (procedure_code) do nothing`,
      [
        JSON.stringify(
          DEATH_REGISTRATION_PROCEDURES.map((p) => ({
            procedure_code: p.procedureCode,
            grants_funeral: p.grantsFuneral,
            label: p.label,
            source: p.source,
          })),
        ),
      ],
    );
    const c = PAYMENT_CALENDAR;
    await manager.query(
      `insert into benefit_payment_calendar (id, list_due_month_offset, list_due_day, report_due_month_offset,
         report_due_day, suspend_after_uncollected_months, legal_basis)
       values (1, $1, $2, $3, $4, $5, $6)
       on conflict (id) do nothing`,
      [
        c.listDueMonthOffset,
        c.listDueDay,
        c.reportDueMonthOffset,
        c.reportDueDay,
        c.suspendAfterUncollectedMonths,
        c.legalBasis,
      ],
    );
  },
};
