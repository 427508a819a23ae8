import { Module } from '@nestjs/common';
import { AppConfig } from 'src/config/app-config';
import { RegistryController } from 'src/modules/registry/api/registry.controller';
import { RegistryViewService } from 'src/modules/registry/api/registry-view.service';
import { RegistryResolver } from 'src/modules/registry/api/registry.resolver';
import { RegistryGrantsResolver } from 'src/modules/registry/api/registry-grants.resolver';
import { RegistryPersonFieldsResolver } from 'src/modules/registry/api/registry-person-fields.resolver';
import { HouseholdsService } from 'src/modules/registry/households/households.service';
import { PeopleService } from 'src/modules/registry/people/people.service';
import { RegistrySearchService } from 'src/modules/registry/people/registry-search.service';
import { VitalEventsService } from 'src/modules/registry/people/vital-events.service';
import { PopulationDbHttpClient } from 'src/modules/registry/population-db/population-db-http.client';
import { POPULATION_DB_ADAPTER } from 'src/modules/registry/population-db/population-db.adapter';
import { DataQualityService } from 'src/modules/registry/quality/data-quality.service';
import { DedupService } from 'src/modules/registry/quality/dedup.service';
import { PovertyStandardsService } from 'src/modules/registry/statuses/poverty-standards.service';
import { StatusQueriesService } from 'src/modules/registry/statuses/status-queries.service';
import { StatusesService } from 'src/modules/registry/statuses/statuses.service';

const SERVICES = [
  PeopleService,
  HouseholdsService,
  RegistrySearchService,
  VitalEventsService,
  PovertyStandardsService,
  StatusesService,
  StatusQueriesService,
  DedupService,
  DataQualityService,
];

/**
 * Beneficiary registry (issue 8): people, households, decision-backed statuses, data quality. Other modules use the
 * exported services only.
 */
@Module({
  controllers: [RegistryController],
  providers: [
    ...SERVICES,
    RegistryViewService,
    RegistryResolver,
    RegistryGrantsResolver,
    RegistryPersonFieldsResolver,
    {
      provide: POPULATION_DB_ADAPTER,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => new PopulationDbHttpClient(config.registry.populationDb),
    },
  ],
  exports: SERVICES,
})
export class RegistryModule {}
