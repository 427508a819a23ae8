import { Global, Module, type INestApplication, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from 'src/config/app-config';
import { buildDataSourceOptions } from 'src/database/data-source-options';
import { AuditService } from 'src/modules/audit/audit.service';
import { AccessScopeService } from 'src/modules/organisation/units/access-scope.service';
import { AdminUnitsService } from 'src/modules/organisation/units/admin-units.service';
import { RegistryModule } from 'src/modules/registry/registry.module';
import { testConfig } from 'test/utils/test-app';

/**
 * The registry with only what it depends on (database, config, audit, unit scope): service-level integration tests
 * that do not need the HTTP stack or other modules' GraphQL types.
 */
export async function createRegistryContext(
  overrides: Record<string, string> = {},
): Promise<INestApplication> {
  const config = testConfig(overrides);

  @Global()
  @Module({
    providers: [
      { provide: AppConfig, useValue: config },
      AccessScopeService,
      AdminUnitsService,
      AuditService,
    ],
    exports: [AppConfig, AccessScopeService, AdminUnitsService, AuditService],
  })
  class RegistryTestInfraModule {}

  @Module({
    imports: [
      TypeOrmModule.forRoot({
        ...buildDataSourceOptions({ url: process.env.DATABASE_URL as string, poolSize: 4 }),
        migrationsRun: false,
      }),
      RegistryTestInfraModule,
      RegistryModule,
    ],
  })
  class RegistryTestModule {}

  const context: INestApplicationContext = await NestFactory.createApplicationContext(RegistryTestModule, {
    logger: false,
  });
  // The test helpers only use get(); an application context offers it.
  return context as INestApplication;
}
