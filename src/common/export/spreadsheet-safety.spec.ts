import { escapeFormula } from 'src/common/export/spreadsheet-safety';

describe('escapeFormula (exports never start a cell with = + - @)', () => {
  it.each(['=1+2', '+84912', '-1', '@SUM(A1)', '\t=x', '\r=x'])('prefixes %p with an apostrophe', (v) => {
    expect(escapeFormula(v)).toBe(`'${v}`);
  });
  it('leaves other text alone', () => {
    expect(escapeFormula('Nguyễn Văn An')).toBe('Nguyễn Văn An');
    expect(escapeFormula(null)).toBe('');
  });
});
