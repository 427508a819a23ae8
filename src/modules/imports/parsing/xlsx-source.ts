import { createReadStream } from 'node:fs';
import ExcelJS from 'exceljs';
import unzipper, { type Entry } from 'unzipper';
import { excelSerialToIso } from 'src/modules/imports/parsing/cell-values';
import { inspectZip, type ZipLimits } from 'src/modules/imports/parsing/zip-guard';

interface Range {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function parseRef(ref: string): Range | null {
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(ref);
  if (!m) return null;
  return { left: colIndex(m[1]), top: Number(m[2]), right: colIndex(m[3]), bottom: Number(m[4]) };
}

/**
 * The merged ranges of the first worksheet. They sit after the cell data in the sheet XML, so the streaming reader
 * sees them too late: a cheap first pass scans the XML text for `<mergeCell ref=…>` without parsing it.
 */
async function mergedRanges(path: string): Promise<Range[]> {
  const ranges: Range[] = [];
  const zip = createReadStream(path).pipe(unzipper.Parse({ forceStream: true }));
  let found = false;
  for await (const entry of zip as AsyncIterable<Entry>) {
    if (!found && /^xl\/worksheets\/sheet\d*\.xml$/.test(entry.path)) {
      found = true;
      let carry = '';
      for await (const chunk of entry as AsyncIterable<Buffer>) {
        const text = carry + chunk.toString('latin1');
        for (const m of text.matchAll(/<mergeCell\s+ref="([A-Z]+\d+:[A-Z]+\d+)"/g)) {
          const r = parseRef(m[1]);
          if (r) ranges.push(r);
        }
        carry = text.slice(-200);
      }
      // the 200-char carry can repeat a match at a chunk border
    } else entry.autodrain();
  }
  const unique = new Map(ranges.map((r) => [`${r.top}:${r.left}:${r.bottom}:${r.right}`, r]));
  return [...unique.values()];
}

/** A spreadsheet cell as text; dates become 'YYYY-MM-DD', formulas their cached result, rich text its plain text. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(value);
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) return (v.richText as Array<{ text: string }>).map((t) => t.text).join('');
    if ('result' in v) return cellText(v.result);
    if ('text' in v) return cellText(v.text);
    if ('error' in v) return '';
  }
  return '';
}

export interface XlsxSource {
  records(): AsyncIterable<{ line: number; cells: string[]; numeric: boolean[] }>;
}

/**
 * Streams the first worksheet of an XLSX with exceljs' WorkbookReader (shared strings cached, styles ignored so dates
 * arrive as Excel serial numbers that the date columns convert). Merged cells are filled with their top-left value.
 * The zip directory is inspected first (zip bombs refused).
 */
export async function openXlsx(path: string, limits: ZipLimits): Promise<XlsxSource> {
  await inspectZip(path, limits);
  const merges = await mergedRanges(path);
  return {
    async *records() {
      const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
        worksheets: 'emit',
        sharedStrings: 'cache',
        hyperlinks: 'ignore',
        styles: 'ignore',
        entries: 'ignore',
      });
      const anchors = new Map<string, { text: string; numeric: boolean }>();
      const pending = [...merges].sort((a, b) => a.top - b.top);
      let active: Range[] = [];
      const activeFor = (rowNo: number): Range[] => {
        while (pending.length > 0 && pending[0].top <= rowNo) active.push(pending.shift() as Range);
        active = active.filter((m) => m.bottom >= rowNo);
        return active;
      };
      for await (const sheet of reader) {
        let expected = 1;
        for await (const row of sheet) {
          const r = row as unknown as { number: number; values: unknown[] };
          // blank rows are skipped by the reader; merged areas can still cover them
          for (; expected < r.number && (active.length > 0 || (pending[0]?.top ?? Infinity) < r.number); expected++) {
            if (activeFor(expected).length === 0) continue;
            const filled = fillMerged(expected, [], [], activeFor(expected), anchors);
            if (filled.cells.some((c) => c !== '')) yield { line: expected, ...filled };
          }
          expected = r.number + 1;
          const cells: string[] = [];
          const numeric: boolean[] = [];
          const values = r.values;
          for (let c = 1; c < values.length; c++) {
            cells[c - 1] = cellText(values[c]);
            numeric[c - 1] = typeof values[c] === 'number';
          }
          yield { line: r.number, ...fillMerged(r.number, cells, numeric, activeFor(r.number), anchors) };
        }
        break; // first worksheet only
      }
    },
  };
}

function fillMerged(
  rowNo: number,
  cells: string[],
  numeric: boolean[],
  merges: Range[],
  anchors: Map<string, { text: string; numeric: boolean }>,
): { cells: string[]; numeric: boolean[] } {
  for (const m of merges) {
    if (rowNo < m.top || rowNo > m.bottom) continue;
    const key = `${m.top}:${m.left}`;
    if (rowNo === m.top) anchors.set(key, { text: cells[m.left - 1] ?? '', numeric: numeric[m.left - 1] ?? false });
    const anchor = anchors.get(key);
    if (!anchor) continue;
    for (let c = m.left; c <= m.right; c++) {
      if (rowNo === m.top && c === m.left) continue;
      cells[c - 1] = anchor.text;
      numeric[c - 1] = anchor.numeric;
    }
    if (rowNo === m.bottom) anchors.delete(key);
  }
  for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = '';
  return { cells, numeric };
}

export { excelSerialToIso };
