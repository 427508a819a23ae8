import type { Role } from 'src/common/auth/auth.decorators';
import type { LegacyDossierRecordsService } from 'src/modules/dossiers/legacy/legacy-dossier-records.service';
import type { PovertyStandard } from 'src/modules/registry/domain/poverty-standards.data';
import { searchKey } from 'src/modules/imports/parsing/vietnamese-text';
import type { RowError } from 'src/modules/imports/targets/row-errors';

/** A statement runner inside the phase's transaction (`runner.query`). */
export type SqlQuery = (sql: string, params?: unknown[]) => Promise<unknown>;

/** One tuple for the staging COPY, in the order of `staging.copyColumns` (the pipeline appends `chunk_no`). */
export type StagedRow = Array<string | number | boolean | null>;

/** A column of a target's file and template. */
export interface TemplateColumn<K extends string = string> {
  key: K;
  /** Header of the template (Vietnamese). */
  header: string;
  /** English name (template notes, error report, docs). */
  en: string;
  /** Other headers accepted, as search keys (lower case, no diacritics, đ → d). */
  aliases: string[];
  example: string;
}

/** One data row as read from the file, with the header already mapped to column keys. */
export interface RawRow<K extends string = string> {
  importId: string;
  rowNo: number;
  header: ReadonlyArray<K | null>;
  cells: string[];
  /** Per cell: the spreadsheet stored a number (dates as Excel serials). */
  numeric: boolean[];
}

export interface ValidatedRow {
  /** The staging tuple; rejected rows are staged too (with what could be read) so counts see every row. */
  staged: StagedRow;
  errors: RowError[];
  /**
   * Rows with the same non-null key that follow each other stay in one commit chunk (a household and its members);
   * null = a group of its own.
   */
  groupKey: string | null;
}

/** The benefits module's account cipher, for targets that stage payment accounts (sealed before staging). */
export interface AccountSealer {
  seal(secret: { accountNumber: string; holderName: string }): Buffer;
  fingerprint(parts: ReadonlyArray<string | null>): string;
}

/**
 * Validates one row. Declared as a method type so that a target typed with its own column keys is still an
 * `ImportTargetDefinition` (the pipeline only passes headers mapped from the target's own columns).
 */
export type RowValidator<K extends string = string> = {
  validate(row: RawRow<K>): ValidatedRow;
}['validate'];

/** Facts a row validator may need, read once per dry run. */
export interface ValidationContext {
  q: SqlQuery;
  /** The poverty standards in force (registry configuration). */
  povertyStandards: () => Promise<PovertyStandard[]>;
  /** Present when the benefits module is loaded (the app); targets that need it refuse to run without it. */
  accountSealer?: AccountSealer;
}

/** Other modules' published services a target may call inside the phase's transaction (absent outside the app). */
export interface TargetServices {
  /** The dossier module's bulk recorder of legacy dossiers (LEGACY_DOSSIERS). */
  legacyDossiers?: Pick<LegacyDossierRecordsService, 'assess' | 'record'>;
}

/** Fixed per import when it is uploaded, so that a resumed or repeated phase computes the same thing. */
export interface ClassifyOptions {
  /** 'YYYY-MM-DD': the upload day (business time), the default start of a membership. */
  memberFrom: string;
  /** The officer's administrative units; null = all. */
  scopeUnitIds: string[] | null;
}

/**
 * Everything the pipeline needs to import one kind of file. The pipeline owns parsing, encodings, staging by COPY,
 * progress, chunked checkpointed commits and the error report; a target owns its columns, row validation, staging
 * table and set-based SQL. Register a new target by appending it to IMPORT_TARGET_DEFINITIONS (import-targets.ts).
 *
 * The staging table must have: `import_id uuid`, `row_no int`, `rejected bool`, `action text` ('CREATE' | 'UPDATE'
 * | 'UNCHANGED' | 'REJECTED', set by `classify`) and `chunk_no int` (set while staging), keyed (import_id, row_no)
 * and indexed (import_id, chunk_no).
 */
export interface ImportTargetDefinition<C extends string = string, K extends string = string> {
  /** Stable code (API, `import_jobs.target`): upper snake case. */
  code: C;
  labelVi: string;
  labelEn: string;
  /** Template columns in template order. */
  columns: ReadonlyArray<TemplateColumn<K>>;
  /** Columns the header must have (and every row must fill). */
  requiredColumns: readonly K[];
  /** Extra lines for the template's instructions sheet (accepted values). */
  templateNotes: readonly string[];
  /** Staff roles allowed to upload and commit this target (on top of the route's roles). */
  roles: readonly Role[];
  staging: {
    table: string;
    /** COPY column list matching `StagedRow` (without `chunk_no`, which the pipeline appends). */
    copyColumns: readonly string[];
  };
  /** Builds the row validator of one dry run (reads configuration once). */
  rowValidator(ctx: ValidationContext): Promise<RowValidator<K>>;
  /**
   * Set-based checks and matching of the staged rows (by CCCD, then household code), with ambiguous matches as row
   * errors, and the action of every row. Writes only the staging and error tables. Runs in one transaction.
   */
  classify(q: SqlQuery, importId: string, opts: ClassifyOptions, services?: TargetServices): Promise<void>;
  /**
   * Applies one chunk to the registry. Runs in the transaction that also moves the checkpoint; must be idempotent
   * (guarded inserts/updates), so a replayed chunk or a re-imported file changes nothing.
   */
  mergeChunk(q: SqlQuery, importId: string, chunk: number, actor: string, services?: TargetServices): Promise<void>;
  /** SQL aggregate over the staging rows of the import for the "households to create" count; default 0. */
  householdsToCreateSql?: string;
}

/** Maps header cells to column keys (by header or alias, ignoring `*` and `:`); null = ignored column. */
export function mapHeader<K extends string>(columns: ReadonlyArray<TemplateColumn<K>>, cells: string[]): Array<K | null> {
  const byAlias = new Map<string, K>();
  for (const c of columns) {
    byAlias.set(searchKey(c.header), c.key);
    for (const a of c.aliases) byAlias.set(a, c.key);
  }
  const seen = new Set<K>();
  return cells.map((cell) => {
    const key = byAlias.get(searchKey(cell).replace(/[*:]+$/, '').trim()) ?? null;
    if (!key || seen.has(key)) return null;
    seen.add(key);
    return key;
  });
}
