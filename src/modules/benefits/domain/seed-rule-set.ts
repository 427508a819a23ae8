import type { RuleSet } from 'src/modules/benefits/domain/calculator';
import { meritTablesFor } from 'src/modules/benefits/domain/merit-tables';
import { MERIT_BASES } from 'src/modules/benefits/seed-data/merit-tables.seed-data';
import { FUNERAL_RULES, STATUTORY_BASE_SALARIES } from 'src/modules/benefits/seed-data/funeral.seed-data';
import { SOCIAL_ASSISTANCE_BASES, SOCIAL_ASSISTANCE_GROUPS } from 'src/modules/benefits/seed-data/social-assistance.seed-data';

/** The rule set exactly as seeded (what a fresh database holds), for the seeder and unit tests. */
export function seedRuleSet(): RuleSet {
  return {
    bases: [...SOCIAL_ASSISTANCE_BASES, ...MERIT_BASES],
    groups: SOCIAL_ASSISTANCE_GROUPS,
    meritTables: new Map(MERIT_BASES.map((b) => [b.effectiveFrom, meritTablesFor(b).rows])),
    funeral: FUNERAL_RULES,
    statutoryBaseSalaries: STATUTORY_BASE_SALARIES,
  };
}
