import { hungKingsDay, jdFromDate, jdToIso, lunarToJd, solarToLunar, tetDay1 } from 'src/modules/calendar/domain/lunar';

describe('Vietnamese lunar calendar (Hồ Ngọc Đức algorithm, UTC+7)', () => {
  it.each([
    [1985, '1985-01-21'], // Vietnam; China (UTC+8) had 20 Feb 1985
    [2007, '2007-02-17'], // Vietnam; China had 18 Feb 2007
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
    // The new moon is at 16:07 UT on 2 Feb 2030 = 23:07 in Vietnam (2 Feb) but 00:07 on 3 Feb in China: Vietnam's
    // Tết is 2 Feb 2030, one day before China's 3 Feb (the date sometimes quoted for Vietnam by mistake).
    [2030, '2030-02-02'],
  ])('Tết day 1 of %i is %s', (year, expected) => {
    expect(tetDay1(year)).toBe(expected);
  });

  it('the Chinese calendar (UTC+8) differs in 1985, 2007 and 2030, which is why the zone is a parameter', () => {
    expect(tetDay1(1985, 8)).toBe('1985-02-20');
    expect(tetDay1(2007, 8)).toBe('2007-02-18');
    expect(tetDay1(2030, 8)).toBe('2030-02-03');
  });

  it.each([
    [2024, '2024-04-18'],
    [2025, '2025-04-07'],
    [2026, '2026-04-26'],
  ])("Hùng Kings' day (10/3 lunar) of %i is %s", (year, expected) => {
    expect(hungKingsDay(year)).toBe(expected);
  });

  it('converts known dates both ways (2023 had a leap 2nd month: 22 Mar 2023 = 1/2 nhuận)', () => {
    expect(solarToLunar(22, 3, 2023)).toEqual({ day: 1, month: 2, year: 2023, leap: true });
    expect(jdToIso(lunarToJd(1, 2, 2023, true) as number)).toBe('2023-03-22');
    expect(lunarToJd(1, 5, 2023, true)).toBeNull();
    expect(solarToLunar(17, 2, 2026)).toEqual({ day: 1, month: 1, year: 2026, leap: false });
    expect(solarToLunar(16, 2, 2026)).toMatchObject({ month: 12, year: 2025 });
  });

  it('round-trips every day of 1990–2100 and Tết always falls between 20 Jan and 21 Feb', () => {
    for (let year = 1990; year <= 2100; year++) {
      const tet = tetDay1(year);
      expect(tet >= `${year}-01-20` && tet <= `${year}-02-21`).toBe(true);
    }
    for (let jd = jdFromDate(1, 1, 1990); jd <= jdFromDate(31, 12, 2100); jd += 7) {
      const [d, m, y] = [Number(jdToIso(jd).slice(8)), Number(jdToIso(jd).slice(5, 7)), Number(jdToIso(jd).slice(0, 4))];
      const l = solarToLunar(d, m, y);
      expect(lunarToJd(l.day, l.month, l.year, l.leap)).toBe(jd);
    }
  });
});
