import type { HolidayGroup } from 'src/modules/calendar/domain/calendar-types';
import { shiftIso } from 'src/modules/calendar/domain/day-index';
import { hungKingsDay, tetDay1 } from 'src/modules/calendar/domain/lunar';

/**
 * The computed (default) placement of the statutory holidays of Labour Code 45/2019/QH14 art. 112 for a year —
 * what the calendar uses until an announcement for that year is recorded as overrides.
 *
 *  - NEW_YEAR: 1 January.
 *  - TET: 5 days. The law fixes the number, the Government the placement each year. Default rule: the last day of the
 *    old lunar year (29 or 30 tháng Chạp) and days 1–4 of the new year. It matches the 2026 announcement exactly;
 *    2024 and 2025 used two days before Tết and three after — which is why announcements override it.
 *  - HUNG_KINGS: 10th day of the 3rd lunar month (Vietnam time, UTC+7).
 *  - REUNIFICATION_LABOUR: 30 April and 1 May.
 *  - NATIONAL_DAY: 2 September and one adjacent day. Default: 1 September (the choice of 2025 and 2026).
 *
 * A holiday falling on a weekly rest day (Saturday or Sunday) gives a day in lieu on the next working day
 * (art. 111 cl. 3): the first following weekday that is neither a holiday nor already a day in lieu.
 */
export interface ComputedHoliday {
  date: string;
  group: HolidayGroup;
  kind: 'PUBLIC_HOLIDAY' | 'DAY_IN_LIEU';
  reason: string;
}

const TET_DAY_NAMES = ['mùng 1', 'mùng 2', 'mùng 3', 'mùng 4'];

const cache = new Map<number, Array<Omit<ComputedHoliday, 'kind'>>>();

/** The statutory holidays of a year (without days in lieu), by the default placement rules above (memoised). */
export function statutoryHolidays(year: number): Array<Omit<ComputedHoliday, 'kind'>> {
  const hit = cache.get(year);
  if (hit) return hit;
  const tet = tetDay1(year);
  const days: Array<Omit<ComputedHoliday, 'kind'>> = [
    { date: `${year}-01-01`, group: 'NEW_YEAR', reason: 'Tết Dương lịch (1/1)' },
    { date: shiftIso(tet, -1), group: 'TET', reason: 'Tết Nguyên đán: ngày cuối năm âm lịch' },
    ...TET_DAY_NAMES.map((name, i) => ({
      date: shiftIso(tet, i),
      group: 'TET' as const,
      reason: `Tết Nguyên đán: ${name}`,
    })),
    { date: hungKingsDay(year), group: 'HUNG_KINGS', reason: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)' },
    { date: `${year}-04-30`, group: 'REUNIFICATION_LABOUR', reason: 'Ngày Chiến thắng (30/4)' },
    { date: `${year}-05-01`, group: 'REUNIFICATION_LABOUR', reason: 'Ngày Quốc tế lao động (1/5)' },
    { date: `${year}-09-01`, group: 'NATIONAL_DAY', reason: 'Quốc khánh: ngày liền kề (1/9)' },
    { date: `${year}-09-02`, group: 'NATIONAL_DAY', reason: 'Quốc khánh (2/9)' },
  ];
  days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  cache.set(year, days);
  return days;
}

function isWeekend(date: string): boolean {
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
  return dow === 0 || dow === 6;
}

/**
 * The computed holidays of a year with their days in lieu.
 * `replaced`: groups whose placement this year comes from an announcement (their computed days are left out).
 * `blocked`: days already off by announcement, which a day in lieu must skip.
 */
export function computedHolidays(
  year: number,
  replaced: ReadonlySet<HolidayGroup> = new Set(),
  blocked: ReadonlySet<string> = new Set(),
): ComputedHoliday[] {
  const holidays = statutoryHolidays(year).filter((h) => !replaced.has(h.group));
  const taken = new Set<string>([...holidays.map((h) => h.date), ...blocked]);
  const result: ComputedHoliday[] = holidays.map((h) => ({ ...h, kind: 'PUBLIC_HOLIDAY' }));
  for (const h of holidays) {
    if (!isWeekend(h.date)) continue;
    let d = shiftIso(h.date, 1);
    while (isWeekend(d) || taken.has(d)) d = shiftIso(d, 1);
    taken.add(d);
    result.push({
      date: d,
      group: h.group,
      kind: 'DAY_IN_LIEU',
      reason: `Nghỉ bù: ${h.reason} trùng ngày nghỉ hằng tuần ${h.date} (BLLĐ 2019 Điều 111 khoản 3)`,
    });
  }
  return result;
}
