import { checkCccd } from 'src/modules/registry/domain/cccd';
import { cleanCccd, excelSerialToIso, parseVietnameseDate } from 'src/modules/imports/parsing/cell-values';
import { BROKEN_TEXT, normaliseCell, searchKey } from 'src/modules/imports/parsing/vietnamese-text';
import type { RawRow } from 'src/modules/imports/targets/import-target-definition';
import { rowError, type RowError } from 'src/modules/imports/targets/row-errors';

/** A decision as typed in a file: number, signing date, signer. */
export interface DecisionCells {
  number: string | null;
  date: string | null;
  signer: string | null;
}

const YES = new Set(['co', 'x', 'yes', 'y', '1', 'true', 'dung']);
const NO = new Set(['khong', 'no', 'n', '0', 'false', 'sai']);

/**
 * Reads the cells of one row by column key and collects the row's errors (the registry targets' common parsing:
 * required cells, text bounds, dates dd/mm/yyyy or Excel serials, integers, yes/no, CCCD, codes, decisions).
 */
export class RowReader<K extends string> {
  readonly errors: RowError[] = [];
  private readonly v: Partial<Record<K, string>> = {};
  private readonly num: Partial<Record<K, boolean>> = {};

  constructor(
    private readonly row: RawRow<K>,
    required: readonly K[],
  ) {
    for (let i = 0; i < row.cells.length; i++) {
      const key = row.header[i];
      const cell = normaliseCell(row.cells[i] ?? '');
      if (key === undefined && cell !== '') {
        this.errors.push(rowError(row.rowNo, `#${i + 1}`, cell, 'ROW_TOO_WIDE'));
        continue;
      }
      if (!key) continue;
      if (BROKEN_TEXT.test(cell)) this.errors.push(rowError(row.rowNo, key, cell, 'TEXT_BROKEN'));
      this.v[key] = cell;
      this.num[key] = row.numeric[i] ?? false;
    }
    for (const col of required) if (!this.v[col]) this.err(col, 'REQUIRED');
  }

  get rejected(): boolean {
    return this.errors.length > 0;
  }

  raw(col: K): string | null {
    const s = this.v[col];
    return s ? s : null;
  }

  has(col: K): boolean {
    return this.raw(col) !== null;
  }

  /** Records an error on a cell; returns null so that `x = … ?? r.err(…)` reads naturally. */
  err(col: K, code: string, detail?: string): null {
    this.errors.push(rowError(this.row.rowNo, col, this.v[col] ?? null, code, detail));
    return null;
  }

  text(col: K, max: number): string | null {
    const s = this.raw(col);
    if (s === null) return null;
    return s.length > max ? this.err(col, 'TOO_LONG', `≤ ${max}`) : s;
  }

  /** A full date 'YYYY-MM-DD' (dd/mm/yyyy, ISO or an Excel serial); a year alone is not a date here. */
  date(col: K): string | null {
    const s = this.raw(col);
    if (s === null) return null;
    const iso =
      this.num[col] && /^\d+(\.\d+)?$/.test(s) && Number(s) > 2400
        ? excelSerialToIso(Number(s))
        : (parseVietnameseDate(s)?.date ?? null);
    if (!iso) return this.err(col, 'DATE_INVALID');
    const year = Number(iso.slice(0, 4));
    return year < 1900 || year > 2100 ? this.err(col, 'DATE_OUT_OF_RANGE') : iso;
  }

  /** A date or a year alone (birth), as { year, date }. */
  birth(col: K): { year: number; date: string | null } | null {
    const s = this.raw(col);
    if (s === null) return null;
    const parsed =
      this.num[col] && /^\d+(\.\d+)?$/.test(s) && Number(s) > 2400
        ? (() => {
            const iso = excelSerialToIso(Number(s));
            return iso ? { year: Number(iso.slice(0, 4)), date: iso } : null;
          })()
        : parseVietnameseDate(s);
    if (!parsed) return this.err(col, 'DATE_INVALID');
    return parsed.year < 1880 || parsed.year > new Date().getUTCFullYear() ? this.err(col, 'DATE_OUT_OF_RANGE') : parsed;
  }

  /** An integer within bounds; thousands separators (. , space) are accepted for amounts. */
  int(col: K, min: number, max: number, code = 'NUMBER_INVALID'): number | null {
    const s = this.raw(col);
    if (s === null) return null;
    const cleaned = s.replace(/[\s.,](?=\d{3}(\D|$))/g, '').replace(/%$/, '').trim();
    if (!/^-?\d+$/.test(cleaned)) return this.err(col, code);
    const n = Number(cleaned);
    return n < min || n > max ? this.err(col, code, `${min}–${max}`) : n;
  }

  /** Có / Không (x, yes, 1 …); null when empty. */
  bool(col: K): boolean | null {
    const s = this.raw(col);
    if (s === null) return null;
    const k = searchKey(s);
    if (YES.has(k)) return true;
    if (NO.has(k)) return false;
    return this.err(col, 'BOOLEAN_INVALID');
  }

  /** One value of a closed list, looked up by search key (Vietnamese label, English or the code itself). */
  oneOf<T extends string>(col: K, values: Readonly<Record<string, T>>, code: string): T | null {
    const s = this.raw(col);
    if (s === null) return null;
    const k = searchKey(s);
    const found = values[k] ?? Object.values(values).find((v) => v === s.toUpperCase().replace(/[\s-]+/g, '_'));
    return found ?? this.err(col, code);
  }

  /** Several values of a closed list separated by `,` `;` `+` or new lines; null when empty. */
  someOf<T extends string>(col: K, values: Readonly<Record<string, T>>, code: string): T[] | null {
    const s = this.raw(col);
    if (s === null) return null;
    const out: T[] = [];
    for (const part of s.split(/[;,+\n]/).map((p) => p.trim()).filter(Boolean)) {
      const k = searchKey(part);
      const found = values[k] ?? Object.values(values).find((v) => v === part.toUpperCase().replace(/[\s-]+/g, '_'));
      if (!found) {
        this.errors.push(rowError(this.row.rowNo, col, part, code));
        return null;
      }
      if (!out.includes(found)) out.push(found);
    }
    return out;
  }

  /** A CCCD checked by the registry's rule (structure; with the birth and gender when the file gives them). */
  cccd(col: K, person?: { birth?: { year: number; date: string | null } | null }): string | null {
    const s = this.raw(col);
    if (s === null) return null;
    const cleaned = cleanCccd(s);
    if (typeof cleaned !== 'string')
      return this.err(col, cleaned.error === 'SCIENTIFIC' ? 'CCCD_SCIENTIFIC' : 'CCCD_INVALID', '12 chữ số / 12 digits');
    const check = checkCccd(cleaned, { birth: person?.birth ?? null });
    return check.valid ? cleaned : this.err(col, 'CCCD_INVALID', check.message);
  }

  householdCode(col: K): string | null {
    const s = this.raw(col);
    if (s === null) return null;
    const h = s.toUpperCase().replace(/\s+/g, '');
    return /^[A-Z0-9][A-Z0-9._-]{0,39}$/.test(h) ? h : this.err(col, 'HOUSEHOLD_CODE_INVALID');
  }

  /** The decision behind a status: number (≤ 100), signing date, signer (≤ 200), as the registry requires. */
  decision(numberCol: K, dateCol: K, signerCol: K): DecisionCells {
    return { number: this.text(numberCol, 100), date: this.date(dateCol), signer: this.text(signerCol, 200) };
  }
}

/** A text[] literal for COPY (values are codes: upper case letters, digits and underscores only). */
export function pgTextArray(values: readonly string[] | null): string | null {
  return values === null ? null : `{${values.join(',')}}`;
}
