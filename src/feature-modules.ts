import type { DynamicModule, Type } from '@nestjs/common';
import { BenefitsModule } from 'src/modules/benefits/benefits.module';
import { NotificationsModule } from 'src/modules/notifications/notifications.module';
import { RemindersModule } from 'src/modules/reminders/reminders.module';
import { AuditModule } from 'src/modules/audit/audit.module';
import { CalendarModule } from 'src/modules/calendar/calendar.module';
import { DossiersModule } from 'src/modules/dossiers/dossiers.module';
import { OrganisationModule } from 'src/modules/organisation/organisation.module';
import { ProceduresModule } from 'src/modules/procedures/procedures.module';
import { RegistryModule } from 'src/modules/registry/registry.module';
import { ImportsModule } from 'src/modules/imports/imports.module';
import { DigitisationModule } from 'src/modules/digitisation/digitisation.module';
import { FeedbackModule } from 'src/modules/feedback/feedback.module';
import { ReportsModule } from 'src/modules/reports/reports.module';
import { IntegrationsModule } from 'src/modules/integrations/integrations.module';

/** The domain modules of the service, in dependency order. A new module under src/modules/ is added here. */
export const FEATURE_MODULES: Array<Type | DynamicModule> = [
  OrganisationModule,
  AuditModule,
  CalendarModule,
  NotificationsModule,
  RemindersModule,
  RegistryModule,
  DossiersModule,
  ProceduresModule,
  BenefitsModule,
  ImportsModule,
  DigitisationModule,
  FeedbackModule,
  ReportsModule,
  IntegrationsModule,
];
