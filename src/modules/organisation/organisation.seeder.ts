import type { EntityManager } from 'typeorm';
import type { Seeder } from 'src/database/seed/seeder';
import { ADMIN_UNIT_SEED_FILES } from 'src/modules/organisation/seed-data/admin-units.seed-data';
import { DEMO_AGENCIES, DEMO_STAFF } from 'src/modules/organisation/seed-data/demo-organisation.seed-data';
import { loadAdminUnits } from 'src/modules/organisation/units/admin-units-loader';

/** Demo administrative units (Nghệ An, Lâm Đồng; both eras), then agencies and one staff user per role. */
export const ORGANISATION_SEEDER: Seeder = {
  name: 'organisation',
  order: 10,
  async run(manager: EntityManager): Promise<void> {
    await loadAdminUnits((sql, params) => manager.query(sql, params), ADMIN_UNIT_SEED_FILES);
    for (const agency of DEMO_AGENCIES) {
      await manager.query(
        `insert into agencies (code, name, kind, unit_id, parent_id)
         select $1, $2, $3, u.id, (select id from agencies where code = $6)
           from admin_units u where u.era = $4 and u.code = $5
         on conflict (code) do update set name = excluded.name, kind = excluded.kind,
           unit_id = excluded.unit_id, parent_id = excluded.parent_id`,
        [agency.code, agency.name, agency.kind, agency.unit.era, agency.unit.code, agency.parentCode ?? null],
      );
    }
    for (const user of DEMO_STAFF) {
      await manager.query(
        `insert into staff_users (username, display_name, agency_id, roles)
         select $1, $2, a.id, $4 from agencies a where a.code = $3
         on conflict (username) do update set display_name = excluded.display_name,
           agency_id = excluded.agency_id, roles = excluded.roles`,
        [user.username, user.displayName, user.agencyCode, user.roles],
      );
    }
  },
};
