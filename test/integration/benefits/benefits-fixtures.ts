import type { INestApplication } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AccountCipher } from 'src/modules/benefits/accounts/account-cipher';
import { BankFilesService } from 'src/modules/benefits/accounts/bank-files.service';
import { PaymentAccountsService } from 'src/modules/benefits/accounts/payment-accounts.service';
import { PaymentCyclesService } from 'src/modules/benefits/cycles/payment-cycles.service';
import { PaymentStatisticsService } from 'src/modules/benefits/statistics/payment-statistics.service';
import { PeopleService } from 'src/modules/registry/people/people.service';
import { testConfig } from 'test/utils/test-app';
import { EntitlementsService } from 'src/modules/benefits/entitlements/entitlements.service';
import { BENEFITS_SEEDER } from 'src/modules/benefits/rules/benefits.seeder';
import { RulesRepository } from 'src/modules/benefits/rules/rules.repository';
import { AuditService } from 'src/modules/audit/audit.service';
import { AccessScopeService } from 'src/modules/organisation/units/access-scope.service';
import { HouseholdsService } from 'src/modules/registry/households/households.service';
import { StatusQueriesService } from 'src/modules/registry/statuses/status-queries.service';
import { ensureTestUnit } from 'test/utils/auth';

/**
 * The benefits services wired by hand on a DataSource: service-level tests need no HTTP stack (and do not break
 * when another module's GraphQL types are mid-edit). The e2e spec covers the wiring.
 */
export function benefitsServices(ds: DataSource) {
  const scope = new AccessScopeService(ds);
  const audit = new AuditService(ds);
  const rules = new RulesRepository(ds);
  const cycles = new PaymentCyclesService(ds, rules, scope, audit);
  const statuses = new StatusQueriesService(ds, scope, new HouseholdsService(ds, audit, scope));
  const entitlements = new EntitlementsService(ds, rules, scope, audit, statuses, cycles);
  const accounts = new PaymentAccountsService(
    ds,
    new AccountCipher(testConfig()),
    new PeopleService(ds, audit, scope),
    scope,
    audit,
  );
  const bankFiles = new BankFilesService(ds, accounts, cycles, rules, scope, audit);
  const statistics = new PaymentStatisticsService(ds, scope);
  return { scope, audit, rules, cycles, entitlements, accounts, bankFiles, statistics };
}

/** Just enough of an app for the fixtures: `get(DataSource)`. */
export const dsApp = (ds: DataSource): INestApplication => ({ get: () => ds }) as unknown as INestApplication;

/** Rules as seeded (idempotent). */
export async function seedBenefitRules(app: INestApplication): Promise<void> {
  await app.get(DataSource).transaction((m) => BENEFITS_SEEDER.run(m));
}

/** A fresh commune under the benefits test province. */
export async function benefitsCommune(app: INestApplication): Promise<{ province: string; commune: string }> {
  const province = await ensureTestUnit(app, {
    era: 'POST_2025',
    code: '95',
    level: 'PROVINCE',
    name: 'Tỉnh Thử Chi Trả',
  });
  const commune = await ensureTestUnit(app, {
    era: 'POST_2025',
    code: String(randomInt(10_000, 99_999)),
    level: 'COMMUNE',
    parentId: province,
    name: 'Xã Thử Chi Trả',
  });
  return { province, commune };
}

/** A registry person and a social-protection status (SQL: the registry's own services are tested by its engineer). */
export async function personWithSocialProtection(
  app: INestApplication,
  input: { unitId: string; fullName: string; groupCode: string; validFrom: string; birthYear?: number },
): Promise<{ personId: string; statusId: string }> {
  const ds = app.get(DataSource);
  const [person] = await ds.query<Array<{ id: string }>>(
    `insert into registry_people (full_name, birth_year, gender, residence_unit_id, source, created_by)
     values ($1, $2, 'FEMALE', $3, 'MANUAL', 'test') returning id`,
    [input.fullName, input.birthYear ?? 1950, input.unitId],
  );
  const [status] = await ds.query<Array<{ id: string }>>(
    `insert into registry_social_protection_subjects (person_id, bases, group_code, coefficient, valid_from,
       decision_number, decision_date, decision_signer, source, created_by)
     values ($1, '{K5A_ELDERLY_POOR_NO_SUPPORTER}', $2, 1.5, $3, $4, $3, 'Chủ tịch UBND xã', 'MANUAL', 'test') returning id`,
    [person.id, input.groupCode, input.validFrom, `QD-${randomInt(1e9)}`],
  );
  return { personId: person.id, statusId: status.id };
}
