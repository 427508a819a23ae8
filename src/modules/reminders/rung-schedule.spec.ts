import fc from 'fast-check';
import { WeekdayCalendar, businessDateOf } from 'src/modules/reminders/reminder-calendar';
import {
  isWorkingInstant,
  nextWorkingInstant,
  rungTimes,
  shiftWorkingDays,
  type Ladder,
} from 'src/modules/reminders/rung-schedule';

const hours = { start: '07:30', end: '17:00' };
const ladder: Ladder = {
  daysBefore: 1,
  escalateAfterDays: 1,
  rungs: ['BEFORE_DUE', 'DUE_DAY', 'OVERDUE', 'ESCALATE'],
};
// 2026-09-01 and 09-02 are the National Day holiday (Tue, Wed).
const calendar = new WeekdayCalendar(new Set(['2026-09-01', '2026-09-02']));
const iso = (d: Date): string => d.toISOString();

describe('reminder rung schedule', () => {
  it('places each rung at the opening of the right working day, skipping the weekend and the holiday', async () => {
    // Due Thursday 2026-09-03 (end of day): the working day before is Monday 08-31 (Tue/Wed holiday).
    const times = await rungTimes(
      { due: new Date('2026-09-03T23:59:59.999+07:00'), dueDate: '2026-09-03' },
      ladder,
      calendar,
      hours,
    );
    expect(times.map((t) => [t.rung, iso(t.dueAt)])).toEqual([
      ['BEFORE_DUE', iso(new Date('2026-08-31T07:30:00+07:00'))],
      ['DUE_DAY', iso(new Date('2026-09-03T07:30:00+07:00'))],
      ['OVERDUE', iso(new Date('2026-09-04T07:30:00+07:00'))],
      ['ESCALATE', iso(new Date('2026-09-07T07:30:00+07:00'))], // Fri overdue + 1 working day = Mon
    ]);
  });

  it('an overdue moment on a holiday eve fires at the next working opening, not on the holiday', async () => {
    const at = await nextWorkingInstant(new Date('2026-08-31T18:00:00+07:00'), calendar, hours);
    expect(iso(at)).toBe(iso(new Date('2026-09-03T07:30:00+07:00')));
  });

  it('escalates together with OVERDUE when the ladder says 0 days', async () => {
    const times = await rungTimes(
      { due: new Date('2026-09-04T17:00:00+07:00'), dueDate: '2026-09-04' },
      { ...ladder, escalateAfterDays: 0 },
      calendar,
      hours,
    );
    const byRung = Object.fromEntries(times.map((t) => [t.rung, iso(t.dueAt)]));
    expect(byRung.ESCALATE).toBe(byRung.OVERDUE);
    expect(byRung.OVERDUE).toBe(iso(new Date('2026-09-07T07:30:00+07:00')));
  });

  it('property: every rung is at a working instant, and rungs are in ladder order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 700 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 3 }),
        async (offset, daysBefore, escalateAfterDays) => {
          const dueDate = await shiftWorkingDays('2026-01-02', offset, calendar);
          const due = new Date(`${dueDate}T23:59:59.999+07:00`);
          const times = await rungTimes(
            { due, dueDate },
            { ...ladder, daysBefore, escalateAfterDays },
            calendar,
            hours,
          );
          for (const t of times) {
            expect(await isWorkingInstant(t.dueAt, calendar, hours)).toBe(true);
            expect(await calendar.isWorkingDay(businessDateOf(t.dueAt))).toBe(true);
          }
          for (let i = 1; i < times.length; i++) expect(times[i].dueAt >= times[i - 1].dueAt).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
