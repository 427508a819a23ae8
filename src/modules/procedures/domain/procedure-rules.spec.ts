import fc from 'fast-check';
import { checkContent, checkStepBudgets } from 'src/modules/procedures/domain/procedure-rules';
import type { ProcedureContent, ProcessStep } from 'src/modules/procedures/domain/procedure.types';
import { diffContents } from 'src/modules/procedures/domain/version-diff';

const step = (amount: number, unit: 'WORKING_DAYS' | 'WORKING_HOURS' | 'CALENDAR_DAYS'): ProcessStep => ({
  name: 'bước',
  role: 'SPECIALIST',
  budget: { amount, unit },
});

const base: ProcedureContent = {
  code: 'TEST-1',
  name: 'Thủ tục',
  fieldCode: 'NGUOI_CO_CONG',
  levels: ['PROVINCE'],
  interLevel: false,
  fees: [],
  legalBases: [],
  documents: [],
  steps: [],
};

describe('step budgets add up to the statutory limit', () => {
  it('accepts half days and hours that add up (0.5 day + 4 h + 1 day = 2 working days)', () => {
    expect(() =>
      checkStepBudgets({
        timeLimit: { amount: 2, unit: 'WORKING_DAYS' },
        steps: [step(0.5, 'WORKING_DAYS'), step(4, 'WORKING_HOURS'), step(1, 'WORKING_DAYS')],
      }),
    ).not.toThrow();
  });

  it('refuses budgets one hour short of the limit, with the totals in the error', () => {
    expect(() =>
      checkStepBudgets({ timeLimit: { amount: 1, unit: 'WORKING_DAYS' }, steps: [step(7, 'WORKING_HOURS')] }),
    ).toThrow(
      expect.objectContaining({
        code: 'PROCEDURE_STEP_BUDGET_MISMATCH',
        extensions: { stepTotal: 7, limit: 8, unit: 'WORKING_HOURS' },
      }),
    );
  });

  it('never mixes calendar days with working time', () => {
    expect(() =>
      checkStepBudgets({
        timeLimit: { amount: 25, unit: 'CALENDAR_DAYS' },
        steps: [step(25, 'WORKING_DAYS')],
      }),
    ).toThrow(expect.objectContaining({ code: 'PROCEDURE_STEP_BUDGET_MISMATCH' }));
  });

  it('refuses budgets when the source states no limit (the limit is never derived from steps)', () => {
    expect(() => checkStepBudgets({ timeLimit: null, steps: [step(5, 'WORKING_DAYS')] })).toThrow(
      expect.objectContaining({ code: 'PROCEDURE_STEP_BUDGET_MISMATCH' }),
    );
  });

  it('property: any split of a limit into whole hours passes; adding one hour fails', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 12 }), (hours) => {
        const total = hours.reduce((s, h) => s + h, 0);
        const steps = hours.map((h) => step(h, 'WORKING_HOURS'));
        expect(() =>
          checkStepBudgets({ timeLimit: { amount: total, unit: 'WORKING_HOURS' }, steps }),
        ).not.toThrow();
        expect(() =>
          checkStepBudgets({ timeLimit: { amount: total + 1, unit: 'WORKING_HOURS' }, steps }),
        ).toThrow();
      }),
    );
  });
});

describe('content rules', () => {
  it('a fully online procedure must accept the ONLINE channel', () => {
    expect(() => checkContent({ ...base, onlineMode: 'FULL', channels: ['DIRECT'] })).toThrow(
      expect.objectContaining({ code: 'PROCEDURE_CONTENT_INVALID' }),
    );
  });

  it('an inter-level procedure has steps at two levels or more', () => {
    expect(() =>
      checkContent({ ...base, interLevel: true, steps: [{ name: 'a', role: 'r', level: 'COMMUNE' }] }),
    ).toThrow(expect.objectContaining({ code: 'PROCEDURE_CONTENT_INVALID' }));
  });

  it('the department norm cannot be longer than the statutory limit', () => {
    expect(() =>
      checkContent({
        ...base,
        timeLimit: { amount: 5, unit: 'WORKING_DAYS' },
        norm: { amount: 6, unit: 'WORKING_DAYS' },
      }),
    ).toThrow(expect.objectContaining({ code: 'PROCEDURE_CONTENT_INVALID' }));
  });
});

describe('version diff', () => {
  it('a version compared with itself has no differences (property over names and limits)', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 50 }),
        fc.integer({ min: 1, max: 60 }),
        (name, days) => {
          const v = { ...base, name, timeLimit: { amount: days, unit: 'WORKING_DAYS' as const } };
          expect(diffContents(v, structuredClone(v))).toEqual([]);
        },
      ),
    );
  });

  it('reports a changed limit under TIME_LIMIT and a removed document by its code', () => {
    const a = {
      ...base,
      timeLimit: { amount: 10, unit: 'WORKING_DAYS' as const },
      documents: [
        { code: 'DON', name: 'Đơn', originals: 1, copies: 0, certifiedCopyAccepted: false, mandatory: true },
      ],
    };
    const b = { ...a, timeLimit: { amount: 7, unit: 'WORKING_DAYS' as const }, documents: [] };
    expect(diffContents(a, b)).toEqual([
      {
        section: 'TIME_LIMIT',
        path: 'timeLimit',
        change: 'CHANGED',
        before: '{"amount":10,"unit":"WORKING_DAYS"}',
        after: '{"amount":7,"unit":"WORKING_DAYS"}',
      },
      { section: 'DOCUMENTS', path: 'DON', change: 'REMOVED', before: expect.any(String), after: null },
    ]);
  });
});
