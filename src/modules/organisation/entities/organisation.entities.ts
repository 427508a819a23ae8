import { AdminUnitSuccessionEntity } from 'src/modules/organisation/entities/admin-unit-succession.entity';
import { AdminUnitEntity } from 'src/modules/organisation/entities/admin-unit.entity';
import { AgencyEntity } from 'src/modules/organisation/entities/agency.entity';
import { ApiKeyEntity } from 'src/modules/organisation/entities/api-key.entity';
import { StaffUserEntity } from 'src/modules/organisation/entities/staff-user.entity';

export const ORGANISATION_ENTITIES: Function[] = [
  AdminUnitEntity,
  AdminUnitSuccessionEntity,
  AgencyEntity,
  StaffUserEntity,
  ApiKeyEntity,
];
