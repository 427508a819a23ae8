import { entryMismatches, pdfPageCount } from 'src/modules/digitisation/digitisation-entry';

describe('double entry of critical fields', () => {
  it('flags each critical field the two clerks typed differently', () => {
    expect(
      entryMismatches(
        { cccd: '040085000123', injuryRate: 41, decisionNumber: '123/QĐ-UBND' },
        { cccd: '040085000132', injuryRate: 41, decisionNumber: '123/QĐ-UBND' },
      ),
    ).toEqual(['cccd']);
  });
  it('ignores spacing and case but not digits', () => {
    expect(entryMismatches({ decisionNumber: '123/qđ-ubnd ' }, { decisionNumber: '123/QĐ-UBND' })).toEqual([]);
    expect(entryMismatches({ injuryRate: 41 }, { injuryRate: 14 })).toEqual(['injuryRate']);
  });
  it('counts PDF page objects, not the page tree', () => {
    const pdf = Buffer.from('%PDF-1.4 1 0 obj <</Type /Pages /Count 2>> 2 0 obj <</Type /Page>> 3 0 obj <</Type/Page>>');
    expect(pdfPageCount(pdf)).toBe(2);
  });
});
