import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AgenciesController } from 'src/modules/organisation/agencies/agencies.controller';
import { AgenciesService } from 'src/modules/organisation/agencies/agencies.service';
import { ApiKeysController } from 'src/modules/organisation/api-keys/api-keys.controller';
import { ApiKeysService } from 'src/modules/organisation/api-keys/api-keys.service';
import { ApiKeyRateLimiterService } from 'src/modules/organisation/auth/api-key-rate-limiter.service';
import { AuthGuard } from 'src/modules/organisation/auth/auth.guard';
import { CredentialsService } from 'src/modules/organisation/auth/credentials.service';
import { DevIssuerController } from 'src/modules/organisation/auth/dev-issuer.controller';
import { DevIssuerService } from 'src/modules/organisation/auth/dev-issuer.service';
import { PrincipalCacheService } from 'src/modules/organisation/auth/principal-cache.service';
import { TokenVerifierService } from 'src/modules/organisation/auth/token-verifier.service';
import {
  AdminUnitFieldsResolver,
  AgencyFieldsResolver,
  StaffUserFieldsResolver,
} from 'src/modules/organisation/organisation-fields.resolver';
import { OrganisationResolver } from 'src/modules/organisation/organisation.resolver';
import { StaffUsersController } from 'src/modules/organisation/staff/staff-users.controller';
import { StaffUsersService } from 'src/modules/organisation/staff/staff-users.service';
import { AccessScopeService } from 'src/modules/organisation/units/access-scope.service';
import { AdminUnitsImportService } from 'src/modules/organisation/units/admin-units-import.service';
import { AdminUnitsController } from 'src/modules/organisation/units/admin-units.controller';
import { AdminUnitsService } from 'src/modules/organisation/units/admin-units.service';

/**
 * Organisations, administrative units (both eras), staff, API keys, authentication and authorisation.
 * Global: other modules inject AccessScopeService and AdminUnitsService directly.
 */
@Global()
@Module({
  controllers: [DevIssuerController, AdminUnitsController, AgenciesController, StaffUsersController, ApiKeysController],
  providers: [
    DevIssuerService,
    TokenVerifierService,
    ApiKeyRateLimiterService,
    CredentialsService,
    PrincipalCacheService,
    AccessScopeService,
    AdminUnitsService,
    AdminUnitsImportService,
    AgenciesService,
    StaffUsersService,
    ApiKeysService,
    OrganisationResolver,
    AdminUnitFieldsResolver,
    AgencyFieldsResolver,
    StaffUserFieldsResolver,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AccessScopeService, AdminUnitsService, AgenciesService, StaffUsersService, ApiKeysService, DevIssuerService],
})
export class OrganisationModule {}
