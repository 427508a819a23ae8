import type { Seeder } from 'src/database/seed/seeder';

/** Every seeder of the service. Modules add theirs here; order decides dependencies (units before agencies…). */
export const SEEDERS: Seeder[] = [];
