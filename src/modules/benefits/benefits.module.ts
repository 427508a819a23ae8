import { Module } from '@nestjs/common';
import { PaymentCyclesService } from 'src/modules/benefits/cycles/payment-cycles.service';
import { EntitlementsService } from 'src/modules/benefits/entitlements/entitlements.service';
import { RulesRepository } from 'src/modules/benefits/rules/rules.repository';
import { RegistryModule } from 'src/modules/registry/registry.module';

const SERVICES = [RulesRepository, PaymentCyclesService, EntitlementsService];

/**
 * Benefits (issue 9): allowance rules, entitlements, monthly payment cycles with arrears and recoveries, cashless
 * payments and coverage statistics. Other modules use the exported services only.
 */
@Module({
  imports: [RegistryModule],
  providers: [...SERVICES],
  exports: SERVICES,
})
export class BenefitsModule {}
