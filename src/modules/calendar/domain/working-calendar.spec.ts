import fc from 'fast-check';
import type { CalendarOverride } from 'src/modules/calendar/domain/calendar-types';
import { DAY_COUNT, isoOf, shiftIso } from 'src/modules/calendar/domain/day-index';
import { computeDueDate, parseOfficeHours, type DueDateInput } from 'src/modules/calendar/domain/deadline-calculator';
import { computedHolidays } from 'src/modules/calendar/domain/statutory-holidays';
import { WorkingCalendar } from 'src/modules/calendar/domain/working-calendar';
import { officialOverrides } from 'src/modules/calendar/seed/official-schedules';

const settings = { cutoff: '15:00', office: parseOfficeHours('07:30-11:30,13:00-17:00') };
const computed = new WorkingCalendar(0);
const official = new WorkingCalendar(1, officialOverrides());
const due = (cal: WorkingCalendar, input: DueDateInput) =>
  computeDueDate(cal, { asOf: new Date('2020-01-01T00:00:00Z'), ...input }, settings);

const offDays = (cal: WorkingCalendar, from: string, to: string): string[] => {
  const out: string[] = [];
  for (let d = from; d <= to; d = shiftIso(d, 1)) if (!cal.isWorkingDay(d)) out.push(d);
  return out;
};

describe('statutory holidays (Labour Code 2019 art. 112) by the computed rules', () => {
  it('gives 11 holiday days a year and a day in lieu for each holiday on a weekend (art. 111 cl. 3)', () => {
    for (const year of [2024, 2027, 2031, 2099]) {
      const days = computedHolidays(year);
      expect(days.filter((d) => d.kind === 'PUBLIC_HOLIDAY')).toHaveLength(11);
      const onWeekend = days.filter((d) => d.kind === 'PUBLIC_HOLIDAY' && [0, 6].includes(new Date(d.date).getUTCDay()));
      expect(days.filter((d) => d.kind === 'DAY_IN_LIEU')).toHaveLength(onWeekend.length);
    }
  });

  it('Tết default is the last day of the old year + days 1–4 (matches the 2026 announcement exactly)', () => {
    expect(offDays(computed, '2026-02-14', '2026-02-22')).toEqual(offDays(official, '2026-02-14', '2026-02-22'));
  });

  it("Hùng Kings' day on Sunday 26 Apr 2026 gives Monday 27 Apr off", () => {
    expect(official.day('2026-04-26').kind).toBe('PUBLIC_HOLIDAY');
    expect(official.day('2026-04-27')).toMatchObject({ kind: 'DAY_IN_LIEU', working: false, holiday: 'HUNG_KINGS' });
  });

  it('a year with no announcement still gets its statutory days (2060: 1/1, Tết, 10/3, 30/4, 1/5, 1–2/9)', () => {
    const days = computed.year(2060).filter((d) => d.kind === 'PUBLIC_HOLIDAY');
    expect(days).toHaveLength(11);
    expect(computed.workingDaysInYear(2060)).toBeGreaterThan(240);
  });
});

describe('official schedules 2024–2026 (overrides beat computed rules)', () => {
  it('2024: Tết off 8–14 Feb; 29 Apr off (flagged unconfirmed) with Saturday 4 May worked; 31 Aug–3 Sep off', () => {
    expect(offDays(official, '2024-02-05', '2024-02-18')).toEqual([
      '2024-02-08', '2024-02-09', '2024-02-10', '2024-02-11', '2024-02-12', '2024-02-13', '2024-02-14',
      '2024-02-17', '2024-02-18',
    ]);
    expect(official.isWorkingDay('2024-02-15')).toBe(true); // the computed default would have given it off
    expect(official.day('2024-04-29')).toMatchObject({ working: false, unconfirmed: true, documentNumber: '2450/VPCP-KGVX' });
    expect(official.day('2024-05-04')).toMatchObject({ kind: 'MAKEUP_WORKING_DAY', working: true });
    expect(offDays(official, '2024-08-30', '2024-09-04')).toEqual(['2024-08-31', '2024-09-01', '2024-09-02', '2024-09-03']);
  });

  it('2025: Tết off 25 Jan–2 Feb (3 Feb works); Saturday 26 Apr worked for Friday 2 May; 30 Aug–2 Sep off', () => {
    expect(offDays(official, '2025-01-24', '2025-02-03')).toEqual([
      '2025-01-25', '2025-01-26', '2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31',
      '2025-02-01', '2025-02-02',
    ]);
    expect(official.day('2025-04-26')).toMatchObject({ kind: 'MAKEUP_WORKING_DAY', documentNumber: '8726/VPCP-KGVX' });
    expect(official.isWorkingDay('2025-05-02')).toBe(false);
    expect(offDays(official, '2025-08-29', '2025-09-03')).toEqual(['2025-08-30', '2025-08-31', '2025-09-01', '2025-09-02']);
  });

  it('2026: Tết off 14–22 Feb; 31 Aug–2 Sep off with Saturday 22 Aug a make-up working day', () => {
    expect(offDays(official, '2026-02-13', '2026-02-23')).toEqual([
      '2026-02-14', '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20',
      '2026-02-21', '2026-02-22',
    ]);
    expect(official.day('2026-08-22')).toMatchObject({ kind: 'MAKEUP_WORKING_DAY', documentNumber: '9441/TB-BNV' });
    expect(official.day('2026-08-31')).toMatchObject({ working: false, documentNumber: '9441/TB-BNV' });
    expect(official.isWorkingDay('2026-09-03')).toBe(true);
  });
});

describe('deadline worked examples', () => {
  it('received 16:00 Fri 13 Feb 2026 (after the 15:00 cut-off), 5 working days, Tết off 16–20 Feb → due Fri 27 Feb', () => {
    const r = due(official, { anchor: new Date('2026-02-13T16:00:00+07:00'), budget: { amount: 5, unit: 'WORKING_DAYS' } });
    expect(r.countingStart).toBe('2026-02-23');
    expect(r.dueDate).toBe('2026-02-27');
    expect(r.due.toISOString()).toBe('2026-02-27T16:59:59.999Z'); // end of the day, business time
    expect(r.explanation?.skipped.map((s) => [s.date, s.kind])).toEqual([
      ['2026-02-13', 'AFTER_CUTOFF'],
      ...['14', '15', '16', '17', '18', '19', '20', '21', '22'].map((d) => [`2026-02-${d}`, expect.any(String)]),
    ]);
    expect(r.explanation?.counted.map((c) => c.date)).toEqual(['2026-02-23', '2026-02-24', '2026-02-25', '2026-02-26', '2026-02-27']);
  });

  it('received at 14:59 the same Friday: that day is day 1 → due Thu 26 Feb', () => {
    const r = due(official, { anchor: new Date('2026-02-13T14:59:00+07:00'), budget: { amount: 5, unit: 'WORKING_DAYS' } });
    expect([r.countingStart, r.dueDate]).toEqual(['2026-02-13', '2026-02-26']);
  });

  it('received on 1 September 2026 (the day before 2 September, a holiday): counting starts Thu 3 Sep', () => {
    const r = due(official, { anchor: new Date('2026-09-01T09:00:00+07:00'), budget: { amount: 5, unit: 'WORKING_DAYS' } });
    expect([r.countingStart, r.dueDate]).toEqual(['2026-09-03', '2026-09-09']);
  });

  it('received Fri 29 Aug 2025 before the cut-off, 3 working days: 30 Aug–2 Sep skipped → due Thu 4 Sep', () => {
    const r = due(official, { anchor: new Date('2025-08-29T10:00:00+07:00'), budget: { amount: 3, unit: 'WORKING_DAYS' } });
    expect([r.countingStart, r.dueDate]).toEqual(['2025-08-29', '2025-09-04']);
  });

  it('received Tue 31 Aug 2027 after the cut-off (no announcement yet: computed 1–2 Sep off) → starts Fri 3 Sep', () => {
    const r = due(official, { anchor: new Date('2027-08-31T15:30:00+07:00'), budget: { amount: 1, unit: 'WORKING_DAYS' } });
    expect(r.dueDate).toBe('2027-09-03');
  });

  it('paused 3 working days for a supplement: 10 days from Mon 9 Mar 2026 move from Fri 20 to Wed 25 Mar', () => {
    const base = due(official, { anchor: '2026-03-09', budget: { amount: 10, unit: 'WORKING_DAYS' } });
    expect(base.dueDate).toBe('2026-03-20');
    const r = due(official, {
      anchor: '2026-03-09',
      budget: { amount: 10, unit: 'WORKING_DAYS' },
      pauses: [{ from: '2026-03-11', to: '2026-03-16', reason: 'waiting for the citizen supplement' }],
    });
    expect(r.dueDate).toBe('2026-03-25');
    expect(r.explanation?.skipped.filter((s) => s.kind === 'PAUSED').map((s) => s.date)).toEqual([
      '2026-03-11', '2026-03-12', '2026-03-13',
    ]);
  });

  it('an open pause keeps the unconsumed remainder: 2 of 10 days consumed, the due date is provisional', () => {
    const r = computeDueDate(
      official,
      {
        anchor: '2026-03-09',
        budget: { amount: 10, unit: 'WORKING_DAYS' },
        pauses: [{ from: '2026-03-11', to: null }],
        asOf: new Date('2026-03-18T10:00:00+07:00'),
      },
      settings,
    );
    expect(r).toMatchObject({ paused: true, consumed: 2, remaining: 8 });
    expect(r.dueDate).toBe(official.addWorkingDays('2026-03-18', 8));
  });

  it('extensions add working days; postal dossiers count from the postmark date', () => {
    const r = due(official, { anchor: '2026-03-09', budget: { amount: 10, unit: 'WORKING_DAYS' }, extensionDays: 5 });
    expect(r.dueDate).toBe('2026-03-27');
    const p = due(official, {
      anchor: new Date('2026-03-12T16:30:00+07:00'),
      postmarkDate: '2026-03-07',
      budget: { amount: 1, unit: 'WORKING_DAYS' },
    });
    expect(p.dueDate).toBe('2026-03-09');
  });

  it('hours are consumed inside office hours of working days: 8 h from Fri 13 Feb 2026 15:00 end Mon 23 Feb 15:00', () => {
    const r = due(official, { anchor: new Date('2026-02-13T15:00:00+07:00'), budget: { amount: 8, unit: 'WORKING_HOURS' } });
    expect(r.due.toISOString()).toBe('2026-02-23T08:00:00.000Z');
    expect(r.explanation?.counted).toEqual([
      { date: '2026-02-13', hours: 2 },
      { date: '2026-02-23', hours: 6 },
    ]);
  });
});

describe('deadline edge cases', () => {
  it('a stop inside office hours is not consumed: 4 h from Mon 9 Mar 2026 08:00, stopped 09:00–14:00 → due 17:00 (1 h + 3 h)', () => {
    const r = due(official, {
      anchor: new Date('2026-03-09T08:00:00+07:00'),
      budget: { amount: 4, unit: 'WORKING_HOURS' },
      pauses: [{ from: new Date('2026-03-09T09:00:00+07:00'), to: new Date('2026-03-09T14:00:00+07:00') }],
    });
    expect(r.due.toISOString()).toBe('2026-03-09T10:00:00.000Z');
  });

  it('instants outside 1990–2101 are refused, not silently wrong', () => {
    for (const at of ['1985-06-01T10:00:00+07:00', '2150-06-01T10:00:00+07:00'])
      expect(() => due(official, { anchor: new Date(at), budget: { amount: 3, unit: 'WORKING_DAYS' } })).toThrow(
        expect.objectContaining({ code: 'CALENDAR_DATE_OUT_OF_RANGE' }),
      );
  });

  it('a budget of 0 working days is due on the counting start (same-day procedures)', () => {
    expect(due(official, { anchor: new Date('2026-02-13T16:00:00+07:00'), budget: { amount: 0, unit: 'WORKING_DAYS' } }).dueDate).toBe('2026-02-23');
  });
});

describe('calendar properties (fast-check)', () => {
  const dayArb = fc.integer({ min: 10, max: DAY_COUNT - 800 }).map(isoOf);
  const overridesArb = fc.uniqueArray(
    fc.record({ i: fc.integer({ min: 12_000, max: 14_000 }), off: fc.boolean() }),
    { selector: (o) => o.i, maxLength: 20 },
  );

  it('the due date is a working day', () => {
    fc.assert(
      fc.property(dayArb, fc.integer({ min: 1, max: 120 }), (a, n) =>
        official.isWorkingDay(due(official, { anchor: a, budget: { amount: n, unit: 'WORKING_DAYS' }, explain: false }).dueDate),
      ),
    );
  });

  it('adding n then m working days equals adding n + m', () => {
    fc.assert(
      fc.property(dayArb, fc.nat(200), fc.nat(200), (a, n, m) =>
        official.addWorkingDays(official.addWorkingDays(a, n), m) === official.addWorkingDays(a, n + m),
      ),
    );
  });

  it('workingDaysBetween(a, addWorkingDays(a, n)) == n (n ≥ 0 from any day; n < 0 from a working day)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 400, max: DAY_COUNT - 800 }).map(isoOf), fc.integer({ min: -250, max: 250 }), (a, n) => {
        const from = n < 0 ? official.workingDayOnOrAfter(a) : a;
        return official.workingDaysBetween(from, official.addWorkingDays(from, n)) === n;
      }),
    );
  });

  it('addWorkingDays agrees with a day-by-day walk', () => {
    fc.assert(
      fc.property(dayArb, fc.nat(60), (a, n) => {
        let d = a;
        for (let left = n; left > 0; ) {
          d = shiftIso(d, 1);
          if (official.isWorkingDay(d)) left--;
        }
        return official.addWorkingDays(a, n) === d;
      }),
    );
  });

  it('a pause never shortens a deadline', () => {
    fc.assert(
      fc.property(dayArb, fc.integer({ min: 1, max: 60 }), fc.array(fc.tuple(fc.integer({ min: -5, max: 90 }), fc.nat(30)), { maxLength: 4 }), (a, n, ps) => {
        const budget = { amount: n, unit: 'WORKING_DAYS' as const };
        const plain = due(official, { anchor: a, budget, explain: false }).dueDate;
        const pauses = ps.map(([off, len]) => ({ from: shiftIso(a, off), to: shiftIso(a, off + len) }));
        return due(official, { anchor: a, budget, pauses, explain: false }).dueDate >= plain;
      }),
    );
  });

  it('overrides are honoured: a DAY_OFF is never a working day, a WORKING_DAY always is, others unchanged', () => {
    fc.assert(
      fc.property(overridesArb, (raw) => {
        const overrides: CalendarOverride[] = raw.map(({ i, off }) => ({
          id: String(i),
          date: isoOf(i),
          kind: off ? 'DAY_OFF' : 'WORKING_DAY',
          holiday: null,
          reason: 'test',
          documentNumber: null,
          unconfirmed: false,
        }));
        const cal = new WorkingCalendar(9, overrides);
        const touched = new Set(overrides.map((o) => o.date));
        for (const o of overrides) if (cal.isWorkingDay(o.date) !== (o.kind === 'WORKING_DAY')) return false;
        for (let i = 12_000; i <= 14_000; i += 17)
          if (!touched.has(isoOf(i)) && cal.isWorkingDay(isoOf(i)) !== computed.isWorkingDay(isoOf(i))) return false;
        return true;
      }),
      { numRuns: 30 },
    );
  });

  it('rejects malformed and out-of-range dates', () => {
    for (const bad of ['2026-02-30', '1989-12-31', '2102-01-01', '2026-1-01', 'x'])
      expect(() => official.isWorkingDay(bad)).toThrow(expect.objectContaining({ code: 'CALENDAR_DATE_OUT_OF_RANGE' }));
  });
});
