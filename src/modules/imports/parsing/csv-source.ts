import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { detectEncoding, type DetectedEncoding } from 'src/modules/imports/parsing/encoding';

const SAMPLE_BYTES = 256 * 1024;

export async function readSample(path: string, bytes = SAMPLE_BYTES): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The delimiter of the header line: the most frequent of `,` `;` tab and `|` outside quotes. */
export function detectDelimiter(firstLine: string): string {
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0, '|': 0 };
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch]++;
  }
  return Object.entries(counts).sort((a, b) => b[1] - a[1])[0][1] > 0
    ? Object.entries(counts).sort((a, b) => b[1] - a[1])[0][0]
    : ',';
}

export interface CsvSource {
  encoding: DetectedEncoding;
  delimiter: string;
  /** Records as arrays of raw strings, numbered from the file's first line (the header is line 1). */
  records(): AsyncIterable<{ line: number; cells: string[] }>;
}

/**
 * Streams a CSV file: encoding detected on the first 256 KiB and converted on the fly, BOM stripped, delimiter
 * detected, CRLF or LF, quoted fields with embedded newlines and doubled quotes, rows with too few or too many cells
 * (ragged) kept as they are for the validator to judge. Never holds more than a few records in memory.
 */
export async function openCsv(path: string): Promise<CsvSource> {
  const sample = await readSample(path);
  const encoding = detectEncoding(sample);
  const text = iconv.decode(sample.subarray(0, 64 * 1024), encoding.encoding);
  const firstLine = text.replace(/^\ufeff/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = detectDelimiter(firstLine);
  return {
    encoding,
    delimiter,
    async *records() {
      // UTF-8 is decoded by the stream itself (multi-byte characters split across chunks are handled there)
      const text =
        encoding.encoding === 'utf8'
          ? createReadStream(path, { encoding: 'utf8' })
          : createReadStream(path).pipe(iconv.decodeStream(encoding.encoding, { stripBOM: true }));
      const parser = text.pipe(
        parse({
          delimiter,
          bom: true,
          relax_column_count: true,
          relax_quotes: true,
          skip_empty_lines: true,
          skip_records_with_empty_values: true,
        }),
      );
      let line = 0;
      for await (const record of parser as AsyncIterable<string[]>) yield { line: ++line, cells: record };
    },
  };
}
