import { shareOf, type Share } from 'src/modules/reports/filters/share';

export interface ResultDigitisationCounts {
  /** Dossiers decided (approved or rejected) in the period. */
  decided: number;
  /** Of those, with an electronic result with legal value as of the period's last day (766 sub-indicator 4.1). */
  electronicResult: number;
  /** Of those, with the electronic result and every submitted document stored as a file (766 sub-indicator 4.2). */
  fullyDigitised: number;
}

export interface ResultDigitisationFigures extends ResultDigitisationCounts {
  /** electronicResult ÷ decided. */
  resultShare: Share;
  /** fullyDigitised ÷ decided. */
  fullShare: Share;
}

/**
 * Share of dossiers whose results are digitised: dossiers decided in the period whose result is an electronic copy
 * with legal value (kết quả được số hóa), over the dossiers decided in the period; and the stricter share whose
 * submitted documents are digitised too. A fully digitised dossier always has an electronic result.
 */
export function resultDigitisation(c: ResultDigitisationCounts): ResultDigitisationFigures {
  if (c.fullyDigitised > c.electronicResult)
    throw new RangeError('A fully digitised dossier has an electronic result');
  return { ...c, resultShare: shareOf(c.electronicResult, c.decided), fullShare: shareOf(c.fullyDigitised, c.decided) };
}

export interface ArchiveUnitCounts {
  unitId: string | null;
  projects: number;
  files: number;
  done: number;
}

/** Archive digitisation progress: files DONE (scanned, entered, verified, linked) over files registered, per unit and in all. */
export function archiveProgress(units: ArchiveUnitCounts[]): {
  units: Array<ArchiveUnitCounts & { share: Share }>;
  total: { projects: number; files: number; done: number; share: Share };
} {
  const total = units.reduce(
    (t, u) => ({ projects: t.projects + u.projects, files: t.files + u.files, done: t.done + u.done }),
    { projects: 0, files: 0, done: 0 },
  );
  return {
    units: units.map((u) => ({ ...u, share: shareOf(u.done, u.files) })),
    total: { ...total, share: shareOf(total.done, total.files) },
  };
}
