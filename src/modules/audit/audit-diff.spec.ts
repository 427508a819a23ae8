import { diffFields } from 'src/modules/audit/audit-diff';
import { maskPersonalData } from 'src/modules/audit/personal-data';

describe('audit diff', () => {
  it('keeps only the fields whose value changed', () => {
    expect(diffFields({ a: 1, b: 'x', c: [1] }, { a: 1, b: 'y', c: [1], d: true })).toEqual({
      before: { b: 'x', d: null },
      after: { b: 'y', d: true },
    });
  });

  it('records a create as after-only and a delete as before-only', () => {
    expect(diffFields(undefined, { a: 1 })).toEqual({ after: { a: 1 } });
    expect(diffFields({ a: 1 }, null)).toEqual({ before: { a: 1 } });
  });

  it('returns undefined when nothing changed', () => {
    expect(diffFields({ a: new Date(0) }, { a: new Date(0) })).toBeUndefined();
  });

  it('masks personal-data fields at any depth, keeping the rest', () => {
    expect(
      maskPersonalData({ after: { citizenId: '040090001234', name: 'A', bank: { bankAccount: '1' } } }),
    ).toEqual({ after: { citizenId: '***', name: 'A', bank: { bankAccount: '***' } } });
  });
});
