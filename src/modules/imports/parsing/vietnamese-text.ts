/**
 * Vietnamese text checks used to tell a correct decoding from mojibake: a word with diacritics is plausible when it
 * carries at most one tone mark, its casing is lower, Capitalised or UPPER, and its vowel nucleus is one Vietnamese
 * spelling allows.
 */
const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;
const VOWELS = 'aăâeêioôơuưy';
const NUCLEI = new Set(
  (
    'a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi oo ua uâ uê ui uô uơ ưa ưi ươ ưu uy ' +
    'ya yê iêu yêu oai oay oao oeo uây uôi ươi ươu uya uyê uyu'
  ).split(' '),
);
const LETTER = /\p{L}[\p{L}\p{M}]*/gu;

function baseForm(word: string): string {
  return word.normalize('NFD').replace(TONES, '').normalize('NFC').toLowerCase();
}

function toneCount(word: string): number {
  return (word.normalize('NFD').match(TONES) ?? []).length;
}

/** The vowel nucleus of a syllable, with the `qu`/`gi` onsets removed. */
function nucleus(base: string): string | null {
  let s = base;
  if (s.startsWith('qu')) s = s.slice(2);
  else if (s.startsWith('gi') && s.length > 2 && VOWELS.includes(s[2])) s = s.slice(2);
  const m = /[aăâeêioôơuưy]+/.exec(s);
  if (!m) return null;
  // only one vowel run per syllable
  if (/[aăâeêioôơuưy]/.test(s.slice(m.index + m[0].length))) return null;
  return m[0];
}

export function isPlausibleVietnameseWord(word: string): boolean {
  const nfc = word.normalize('NFC');
  if (!/^[\p{L}]+$/u.test(nfc)) return false;
  const casingOk =
    nfc === nfc.toLowerCase() || nfc === nfc.toUpperCase() || nfc.slice(1) === nfc.slice(1).toLowerCase();
  if (!casingOk) return false;
  if (toneCount(nfc) > 1) return false;
  const base = baseForm(nfc);
  if (!/^[a-zăâêôơưđ]+$/.test(base)) return false;
  const n = nucleus(base);
  return n !== null && NUCLEI.has(n);
}

/**
 * Share (0..1) of the words with non-ASCII letters that are plausible Vietnamese, and how many such words were seen.
 * Text without any non-ASCII word scores 1.
 */
export function vietnamesePlausibility(text: string): { score: number; words: number } {
  let words = 0;
  let good = 0;
  for (const m of text.normalize('NFC').matchAll(LETTER)) {
    const w = m[0];
    // eslint-disable-next-line no-control-regex -- the ASCII range on purpose
    if (/^[\x00-\x7f]*$/.test(w)) continue;
    words++;
    if (isPlausibleVietnameseWord(w)) good++;
  }
  return { score: words === 0 ? 1 : good / words, words };
}

/** UTF-8 text that was once decoded as Windows-1252/Latin-1 and re-encoded ("Nguyá»…n", "Ä‘"). */
export const MOJIBAKE = /Ã[\u0080-\u00bf]|á»|áº|Ä‘|Æ°|Ä\u0090|Ã¡|Ã /;

/** Control characters other than tab/newline, and the Unicode replacement character. */
// eslint-disable-next-line no-control-regex -- control characters are what this finds
export const BROKEN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/;

/** NFC, no surrounding or repeated inner whitespace, no zero-width characters. */
export function normaliseCell(value: string): string {
  return value
    .normalize('NFC')
    .replace(/[\u200b-\u200d\ufeff]/g, '')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}

/** Lower case, no diacritics, đ→d, single spaces: the comparison key of names and headers. */
export function searchKey(value: string): string {
  return normaliseCell(value)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}
