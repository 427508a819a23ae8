import { isoOf } from 'src/modules/calendar/domain/day-index';
import { computeDueDate, parseOfficeHours } from 'src/modules/calendar/domain/deadline-calculator';
import { WorkingCalendar } from 'src/modules/calendar/domain/working-calendar';
import { officialOverrides } from 'src/modules/calendar/seed/official-schedules';

/**
 * 1,000,000 due dates on the working-day calendar (official 2024–2026 schedules loaded, 1990–2101 precomputed)
 * against a plain calendar-day add loop with Date, measured in the same run. Goal: well under a second.
 * `npm run bench:calendar` (no database needed: the engine is what WorkingCalendarService calls synchronously).
 */
const N = Number(process.env.BENCH_N ?? 1_000_000);
const DAY_MS = 86_400_000;

function time(label: string, fn: () => number): number {
  fn(); // warm-up
  const t0 = process.hrtime.bigint();
  const check = fn();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  console.log(`${label.padEnd(52)} ${ms.toFixed(1).padStart(8)} ms  (${((ms * 1e6) / N).toFixed(0)} ns/call, checksum ${check})`);
  return ms;
}

function main(): void {
  const t0 = process.hrtime.bigint();
  const cal = new WorkingCalendar(1, officialOverrides());
  console.log(`calendar precomputed 1990–2101 in ${(Number(process.hrtime.bigint() - t0) / 1e6).toFixed(1)} ms`);

  // Anchors spread over 2018–2030 and budgets of 1–60 working days, as in a report over many years of dossiers.
  const base = 10_227; // index of 2018-01-01
  const anchors = Array.from({ length: N }, (_, i) => isoOf(base + ((i * 7919) % 4700)));
  const budgets = Array.from({ length: N }, (_, i) => 1 + ((i * 31) % 60));

  const plain = time('plain date-add loop (Date, calendar days)', () => {
    let sum = 0;
    for (let i = 0; i < N; i++) {
      const d = new Date(Date.parse(anchors[i]) + budgets[i] * DAY_MS).toISOString().slice(0, 10);
      sum += d.charCodeAt(9);
    }
    return sum;
  });
  const add = time('addWorkingDays (holidays, swaps, weekends)', () => {
    let sum = 0;
    for (let i = 0; i < N; i++) sum += cal.addWorkingDays(anchors[i], budgets[i]).charCodeAt(9);
    return sum;
  });
  const settings = { cutoff: '15:00', office: parseOfficeHours('07:30-11:30,13:00-17:00') };
  const asOf = new Date('2031-01-01T00:00:00Z');
  const due = time('dueDate (counting start, due instant, consumed)', () => {
    let sum = 0;
    for (let i = 0; i < N; i++)
      sum += computeDueDate(cal, { anchor: anchors[i], budget: { amount: budgets[i], unit: 'WORKING_DAYS' }, asOf, explain: false }, settings)
        .dueDate.charCodeAt(9);
    return sum;
  });
  console.log(`ratio addWorkingDays / plain loop: ${(add / plain).toFixed(2)}×; dueDate / plain loop: ${(due / plain).toFixed(2)}×`);
  console.log(`goal: 1,000,000 due dates well under 1 s → addWorkingDays ${add < 1000 ? 'OK' : 'MISSED'}, dueDate ${due < 1000 ? 'OK' : 'MISSED'}`);
}

main();
