import type { Seeder } from 'src/database/seed/seeder';
import { BENEFITS_SEEDER } from 'src/modules/benefits/rules/benefits.seeder';
import { ProceduresSeeder } from 'src/modules/procedures/seed/procedures.seeder';
import { CalendarSeeder } from 'src/modules/calendar/seed/calendar.seeder';
import { ORGANISATION_SEEDER } from 'src/modules/organisation/organisation.seeder';

/** Every seeder of the service. Modules add theirs here; order decides dependencies (units before agencies…). */
export const SEEDERS: Seeder[] = [
  ORGANISATION_SEEDER,
  new ProceduresSeeder(),
  new CalendarSeeder(),
  BENEFITS_SEEDER,
];
