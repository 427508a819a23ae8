import type { Gender } from 'src/modules/registry/domain/birth-date';

/** What the national population database says about one citizen ID number. */
export type PopulationRecord =
  | { found: false }
  | {
      found: true;
      fullName: string;
      /** 'YYYY-MM-DD' or 'YYYY'. */
      birth: string;
      gender: Gender;
      deceased: boolean;
      deathDate: string | null;
    };

/** The adapter the registry verifies through. Production: the HTTP client; development and tests: the simulator. */
export interface PopulationDbAdapter {
  readonly configured: boolean;
  lookup(cccd: string): Promise<PopulationRecord>;
}

export const POPULATION_DB_ADAPTER = Symbol('POPULATION_DB_ADAPTER');
