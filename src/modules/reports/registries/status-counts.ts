/** One status held on the report date: whose, of which category, as the meritorious person/subject or a relative. */
export interface HeldStatus {
  personId: string;
  category: string;
  role: 'SUBJECT' | 'RELATIVE';
}

export interface StatusCounts {
  /** Per category: distinct subjects and distinct relatives holding a status of that category. */
  categories: Map<string, { subjects: number; relatives: number }>;
  /** Distinct people over all categories (a person in two categories counts once). */
  total: { subjects: number; relatives: number };
}

/**
 * The definition behind the meritorious and social-protection figures (status-report.sql.ts counts the same way):
 * people, not status periods — a mother of two martyrs is one relative of the MARTYR category.
 */
export function countStatuses(held: readonly HeldStatus[]): StatusCounts {
  const sets = new Map<string, { SUBJECT: Set<string>; RELATIVE: Set<string> }>();
  const all = { SUBJECT: new Set<string>(), RELATIVE: new Set<string>() };
  for (const h of held) {
    const s = sets.get(h.category) ?? { SUBJECT: new Set<string>(), RELATIVE: new Set<string>() };
    s[h.role].add(h.personId);
    sets.set(h.category, s);
    all[h.role].add(h.personId);
  }
  return {
    categories: new Map([...sets].map(([c, s]) => [c, { subjects: s.SUBJECT.size, relatives: s.RELATIVE.size }])),
    total: { subjects: all.SUBJECT.size, relatives: all.RELATIVE.size },
  };
}
