import iconv from 'iconv-lite';
import { DomainException } from 'src/common/errors/domain.exception';
import { MOJIBAKE, vietnamesePlausibility } from 'src/modules/imports/parsing/vietnamese-text';

/** Encodings the importer converts from (iconv-lite names). `tcvn` is TCVN 5712 (TCVN3/ABC). */
export type SourceEncoding = 'utf8' | 'utf16le' | 'windows1258' | 'tcvn';

export interface DetectedEncoding {
  encoding: SourceEncoding;
  label: string;
  bom: boolean;
}

const MIN_SCORE = 0.85;

function isValidUtf8(sample: Buffer): boolean {
  // A sample may end in the middle of a multi-byte character: drop up to 3 trailing continuation bytes.
  let end = sample.length;
  for (let i = 0; i < 3 && end > 0; i++) {
    const b = sample[end - 1];
    if ((b & 0xc0) === 0x80) end--;
    else {
      if (b >= 0xc0) end--;
      break;
    }
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

/**
 * Decides how a text file (CSV) is encoded from its first bytes: UTF-8 (with or without BOM), UTF-16LE with BOM,
 * or one of the legacy 8-bit Vietnamese encodings Windows-1258 and TCVN3 (ABC), chosen by which decoding gives
 * plausible Vietnamese words. VNI and anything else that cannot be decoded reliably is refused with a message
 * telling the officer how to re-save the file; nothing is ever stored as mojibake.
 */
export function detectEncoding(sample: Buffer): DetectedEncoding {
  if (sample.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))) {
    assertNoMojibake(sample.subarray(3).toString('utf8'));
    return { encoding: 'utf8', label: 'UTF-8 (BOM)', bom: true };
  }
  if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: 'utf16le', label: 'UTF-16LE', bom: true };
  if (sample[0] === 0xfe && sample[1] === 0xff) throw unsupported('UTF-16BE');
  if (isValidUtf8(sample)) {
    assertNoMojibake(sample.toString('utf8'));
    return { encoding: 'utf8', label: 'UTF-8', bom: false };
  }
  const candidates = (['windows1258', 'tcvn'] as const).map((encoding) => ({
    encoding,
    ...vietnamesePlausibility(iconv.decode(sample, encoding)),
  }));
  candidates.sort((a, b) => b.score - a.score);
  const best = candidates[0];
  if (best.words > 0 && best.score >= MIN_SCORE && candidates[1].score < best.score) {
    return {
      encoding: best.encoding,
      label: best.encoding === 'tcvn' ? 'TCVN3 (ABC)' : 'Windows-1258',
      bom: false,
    };
  }
  throw unsupported('legacy 8-bit (VNI or unknown)');
}

function assertNoMojibake(text: string): void {
  if (MOJIBAKE.test(text)) {
    throw new DomainException(
      'IMPORT_ENCODING_UNSUPPORTED',
      'The file is UTF-8 but its Vietnamese text is already garbled (e.g. "Nguyá»…n"): it was converted with the ' +
        'wrong encoding before. Tệp UTF-8 nhưng chữ tiếng Việt đã bị lỗi phông; hãy xuất lại tệp gốc dưới dạng UTF-8.',
      { encoding: 'UTF-8 (mojibake)' },
    );
  }
}

function unsupported(what: string): DomainException {
  return new DomainException(
    'IMPORT_ENCODING_UNSUPPORTED',
    `The file's encoding (${what}) cannot be converted reliably. Open it in Excel or a text editor and save it as ` +
      '"CSV UTF-8", or use Unikey\'s converter (VNI/TCVN3 → Unicode). Không nhận dạng được bảng mã của tệp ' +
      `(${what}); hãy chuyển sang Unicode (UTF-8) bằng Unikey hoặc lưu lại dạng "CSV UTF-8" rồi tải lên lại.`,
    { encoding: what },
  );
}
