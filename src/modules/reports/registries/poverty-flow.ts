import type { PovertyClass } from 'src/modules/registry/domain/poverty-classification';

/** The classes a household can be listed in by a poverty decision (the registry's statuses; NOT_POOR is no status). */
export const LISTED_POVERTY_CLASSES = ['POOR', 'NEAR_POOR', 'AVERAGE_LIVING_STANDARD'] as const;
export type ListedPovertyClass = (typeof LISTED_POVERTY_CLASSES)[number] & PovertyClass;

/** One household's listed class at the end of the previous year and at the end of the year (null: not listed). */
export interface HouseholdClassChange {
  before: ListedPovertyClass | null;
  after: ListedPovertyClass | null;
}

/**
 * Figures of one class between two year ends:
 * - previous: households in the class on 31 December of the previous year;
 * - current: households in the class on 31 December of the year;
 * - entries: in the class at the end of the year and not at the end of the previous one (newly poor, or moved in from
 *   another class, e.g. near-poor → poor);
 * - exits: in the class at the end of the previous year and not at the end of the year (escaped, moved to another
 *   class, or the status ended).
 * So current − previous = entries − exits, always.
 */
export interface PovertyFlow {
  previous: number;
  current: number;
  entries: number;
  exits: number;
}

export function povertyFlow(households: readonly HouseholdClassChange[], cls: ListedPovertyClass): PovertyFlow {
  const flow: PovertyFlow = { previous: 0, current: 0, entries: 0, exits: 0 };
  for (const h of households) {
    if (h.before === cls) flow.previous++;
    if (h.after === cls) flow.current++;
    if (h.after === cls && h.before !== cls) flow.entries++;
    if (h.before === cls && h.after !== cls) flow.exits++;
  }
  return flow;
}

/** The two reference dates of a year's figures: 31 December of the previous year and of the year. */
export function yearEnds(year: number): { previous: string; current: string } {
  return { previous: `${year - 1}-12-31`, current: `${year}-12-31` };
}
