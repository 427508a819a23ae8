import { AuditEventEntity } from 'src/modules/audit/audit-event.entity';
import { CALENDAR_ENTITIES } from 'src/modules/calendar/entities/calendar.entities';
import { DOSSIER_ENTITIES } from 'src/modules/dossiers/entities/dossiers.entities';
import { ORGANISATION_ENTITIES } from 'src/modules/organisation/entities/organisation.entities';
import { PROCEDURE_ENTITIES } from 'src/modules/procedures/entities/procedures.entities';

/**
 * Every TypeORM entity of the service, listed explicitly (no glob) so the app, the migration CLI and the tests
 * load exactly the same set. Each module exports its own list; add it here.
 */
export const ENTITIES: Function[] = [
  ...ORGANISATION_ENTITIES,
  AuditEventEntity,
  ...CALENDAR_ENTITIES,
  ...PROCEDURE_ENTITIES,
  ...DOSSIER_ENTITIES,
];
