import { Module } from '@nestjs/common';
import { AccountCipher } from 'src/modules/benefits/accounts/account-cipher';
import { BankFilesService } from 'src/modules/benefits/accounts/bank-files.service';
import { PaymentAccountsService } from 'src/modules/benefits/accounts/payment-accounts.service';
import { PaymentStatisticsService } from 'src/modules/benefits/statistics/payment-statistics.service';
import { BenefitsController } from 'src/modules/benefits/api/benefits.controller';
import { BenefitsResolver } from 'src/modules/benefits/api/benefits.resolver';
import { EntitlementsController } from 'src/modules/benefits/api/entitlements.controller';
import { PaymentAccountsController } from 'src/modules/benefits/api/payment-accounts.controller';
import { PaymentCyclesController } from 'src/modules/benefits/api/payment-cycles.controller';
import { RulesService } from 'src/modules/benefits/rules/rules.service';
import { PaymentCyclesService } from 'src/modules/benefits/cycles/payment-cycles.service';
import { EntitlementsService } from 'src/modules/benefits/entitlements/entitlements.service';
import { RulesRepository } from 'src/modules/benefits/rules/rules.repository';
import { DeathRegistrationsService } from 'src/modules/benefits/deaths/death-registrations.service';
import { DossiersModule } from 'src/modules/dossiers/dossiers.module';
import { RegistryModule } from 'src/modules/registry/registry.module';

const SERVICES = [
  RulesRepository,
  PaymentCyclesService,
  EntitlementsService,
  PaymentAccountsService,
  BankFilesService,
  PaymentStatisticsService,
  RulesService,
  DeathRegistrationsService,
];

/**
 * Benefits (issue 9): allowance rules, entitlements, monthly payment cycles with arrears and recoveries, cashless
 * payments and coverage statistics; funeral support triggered by death-registration dossiers (outbox subscriber).
 * Other modules use the exported services only.
 */
@Module({
  imports: [RegistryModule, DossiersModule],
  controllers: [
    BenefitsController,
    PaymentCyclesController,
    EntitlementsController,
    PaymentAccountsController,
  ],
  providers: [AccountCipher, BenefitsResolver, ...SERVICES],
  exports: [...SERVICES, AccountCipher],
})
export class BenefitsModule {}
