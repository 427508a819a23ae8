import { open } from 'node:fs/promises';
import { DomainException } from 'src/common/errors/domain.exception';

export interface ZipLimits {
  maxEntries: number;
  maxUncompressedBytes: number;
  /** Largest uncompressed/compressed ratio accepted for an entry bigger than 1 MiB. */
  maxRatio: number;
}

export interface ZipEntryInfo {
  name: string;
  compressed: number;
  uncompressed: number;
}

function bomb(detail: string): DomainException {
  return new DomainException('IMPORT_FILE_REFUSED', `${detail}. Tệp XLSX bị từ chối: ${detail}.`);
}

/**
 * Reads an XLSX (zip) central directory before any parsing and refuses zip bombs: too many entries, a total
 * declared uncompressed size over the limit, an implausible compression ratio, ZIP64 archives (never produced
 * for an import-sized workbook) or a malformed directory.
 */
export async function inspectZip(path: string, limits: ZipLimits): Promise<ZipEntryInfo[]> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const tailLength = Math.min(size, 65_557);
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw bomb('The file is not a valid XLSX (zip) workbook');
    const entries = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (entries === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff)
      throw bomb('ZIP64 workbooks are not accepted');
    if (entries > limits.maxEntries) throw bomb(`The workbook has ${entries} parts (limit ${limits.maxEntries})`);
    if (cdOffset + cdSize > size) throw bomb('The workbook directory is corrupt');
    const cd = Buffer.alloc(cdSize);
    await handle.read(cd, 0, cdSize, cdOffset);
    const result: ZipEntryInfo[] = [];
    let total = 0;
    let p = 0;
    for (let i = 0; i < entries; i++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== 0x02014b50) throw bomb('The workbook directory is corrupt');
      const compressed = cd.readUInt32LE(p + 20);
      const uncompressed = cd.readUInt32LE(p + 24);
      const nameLength = cd.readUInt16LE(p + 28);
      const extraLength = cd.readUInt16LE(p + 30);
      const commentLength = cd.readUInt16LE(p + 32);
      const name = cd.toString('utf8', p + 46, p + 46 + nameLength);
      if (compressed === 0xffffffff || uncompressed === 0xffffffff) throw bomb('ZIP64 workbooks are not accepted');
      total += uncompressed;
      if (total > limits.maxUncompressedBytes)
        throw bomb(`The workbook expands to more than ${limits.maxUncompressedBytes} bytes`);
      if (uncompressed > 1_048_576 && uncompressed / Math.max(compressed, 1) > limits.maxRatio)
        throw bomb(`The part ${name.slice(0, 100)} has an implausible compression ratio`);
      result.push({ name, compressed, uncompressed });
      p += 46 + nameLength + extraLength + commentLength;
    }
    return result;
  } finally {
    await handle.close();
  }
}
