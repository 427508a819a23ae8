/**
 * The Vietnamese lunisolar calendar (âm lịch), computed — no table that runs out.
 *
 * This is Hồ Ngọc Đức's published algorithm ("Thuật toán tính âm lịch", the reference most Vietnamese calendar
 * software follows), re-typed and commented:
 *  - new moons from a truncated Meeus series (Astronomical Algorithms, ch. 49 in the 1900 epoch form), accurate to
 *    a few minutes for 1900–2100, which is what decides the civil day;
 *  - the sun's apparent longitude (Meeus ch. 25, low precision) to find the major solar terms (trung khí);
 *  - lunar month 11 always contains the winter solstice; a year (month 11 to month 11) with 13 new moons has a leap
 *    month: the first month after month 11 that contains no major solar term;
 *  - days are civil days of the given time zone. Vietnam uses UTC+7 (Decision 121/1967 of the Government, in force
 *    since 1968); China uses UTC+8, which is why the two New Years differ in some years (1985: Vietnam 21 January,
 *    China 20 February; 2007: Vietnam 17 February, China 18 February).
 *
 * Julian day numbers (JDN) are integers naming a civil day (JDN 2440588 = 1970-01-01).
 */

/** Vietnam's time zone for the lunar calendar, in hours. */
export const VIETNAM_TIME_ZONE_HOURS = 7;

const SYNODIC_MONTH = 29.530588853;
/** JD of the new moon of 1900-01-01 (k = 0 of the series below), used to estimate k for a day. */
const NEW_MOON_EPOCH = 2415021.076998695;

export interface LunarDate {
  day: number;
  month: number;
  /** The lunar year, named by the Gregorian year in which its month 1 begins. */
  year: number;
  leap: boolean;
}

/** JDN of a Gregorian (after 1582-10-15) or Julian date. */
export function jdFromDate(dd: number, mm: number, yy: number): number {
  const a = Math.floor((14 - mm) / 12);
  const y = yy + 4800 - a;
  const m = mm + 12 * a - 3;
  let jd = dd + Math.floor((153 * m + 2) / 5) + 365 * y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) - 32045;
  if (jd < 2299161) jd = dd + Math.floor((153 * m + 2) / 5) + 365 * y + Math.floor(y / 4) - 32083;
  return jd;
}

/** Gregorian [day, month, year] of a JDN. */
export function jdToDate(jd: number): [number, number, number] {
  let b: number;
  let c: number;
  if (jd > 2299160) {
    const a = jd + 32044;
    b = Math.floor((4 * a + 3) / 146097);
    c = a - Math.floor((b * 146097) / 4);
  } else {
    b = 0;
    c = jd + 32082;
  }
  const d = Math.floor((4 * c + 3) / 1461);
  const e = c - Math.floor((1461 * d) / 4);
  const m = Math.floor((5 * e + 2) / 153);
  const day = e - Math.floor((153 * m + 2) / 5) + 1;
  const month = m + 3 - 12 * Math.floor(m / 10);
  const year = b * 100 + d - 4800 + Math.floor(m / 10);
  return [day, month, year];
}

/** Julian day (fractional, UT) of the k-th new moon after 1900-01-01 (Meeus' series, 1900 epoch). */
export function newMoonJd(k: number): number {
  const T = k / 1236.85; // Julian centuries since 1900-01-00.5
  const T2 = T * T;
  const T3 = T2 * T;
  const dr = Math.PI / 180;
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd1 += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * dr); // mean new moon
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3; // sun's mean anomaly
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3; // moon's mean anomaly
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3; // moon's argument of latitude
  let c1 = (0.1734 - 0.000393 * T) * Math.sin(M * dr) + 0.0021 * Math.sin(2 * dr * M);
  c1 = c1 - 0.4068 * Math.sin(Mpr * dr) + 0.0161 * Math.sin(dr * 2 * Mpr);
  c1 = c1 - 0.0004 * Math.sin(dr * 3 * Mpr);
  c1 = c1 + 0.0104 * Math.sin(dr * 2 * F) - 0.0051 * Math.sin(dr * (M + Mpr));
  c1 = c1 - 0.0074 * Math.sin(dr * (M - Mpr)) + 0.0004 * Math.sin(dr * (2 * F + M));
  c1 = c1 - 0.0004 * Math.sin(dr * (2 * F - M)) - 0.0006 * Math.sin(dr * (2 * F + Mpr));
  c1 = c1 + 0.001 * Math.sin(dr * (2 * F - Mpr)) + 0.0005 * Math.sin(dr * (2 * Mpr + M));
  // ΔT (TT − UT) in days, polynomial fit.
  const deltaT =
    T < -11
      ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3
      : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd1 + c1 - deltaT;
}

/** The sun's apparent longitude in radians [0, 2π) at Julian day `jdn` (UT). */
export function sunLongitude(jdn: number): number {
  const T = (jdn - 2451545.0) / 36525; // Julian centuries since J2000.0
  const T2 = T * T;
  const dr = Math.PI / 180;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2; // mean anomaly
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2; // mean longitude
  let DL = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(dr * M);
  DL = DL + (0.019993 - 0.000101 * T) * Math.sin(dr * 2 * M) + 0.00029 * Math.sin(dr * 3 * M);
  let L = (L0 + DL) * dr;
  L = L - Math.PI * 2 * Math.floor(L / (Math.PI * 2));
  return L;
}

/** The major solar term sector (0..11, 30° each; 0 = spring equinox) at the start of local day `dayNumber`. */
export function sunSector(dayNumber: number, timeZone: number): number {
  return Math.floor((sunLongitude(dayNumber - 0.5 - timeZone / 24) / Math.PI) * 6);
}

/** JDN of the local civil day holding the k-th new moon. */
export function newMoonDay(k: number, timeZone: number): number {
  return Math.floor(newMoonJd(k) + 0.5 + timeZone / 24);
}

/** JDN of the first day of lunar month 11 (the month holding the winter solstice) that starts in Gregorian year yy. */
export function lunarMonth11(yy: number, timeZone: number): number {
  const off = jdFromDate(31, 12, yy) - 2415021;
  const k = Math.floor(off / SYNODIC_MONTH);
  let nm = newMoonDay(k, timeZone);
  // Sector 9 starts at 270° (winter solstice): a new moon after it cannot begin month 11.
  if (sunSector(nm, timeZone) >= 9) nm = newMoonDay(k - 1, timeZone);
  return nm;
}

/**
 * In a 13-month year starting at month 11 (`a11`), the offset (in months after a11) of the leap month: the first
 * month during which the sun stays in the same major-term sector (no major term begins inside it).
 */
export function leapMonthOffset(a11: number, timeZone: number): number {
  const k = Math.floor((a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5);
  let i = 1;
  let arc = sunSector(newMoonDay(k + i, timeZone), timeZone);
  let last: number;
  do {
    last = arc;
    i++;
    arc = sunSector(newMoonDay(k + i, timeZone), timeZone);
  } while (arc !== last && i < 14);
  return i - 1;
}

/** The lunar date of a Gregorian date. */
export function solarToLunar(dd: number, mm: number, yy: number, timeZone = VIETNAM_TIME_ZONE_HOURS): LunarDate {
  const dayNumber = jdFromDate(dd, mm, yy);
  const k = Math.floor((dayNumber - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  let monthStart = newMoonDay(k + 1, timeZone);
  if (monthStart > dayNumber) monthStart = newMoonDay(k, timeZone);
  let a11 = lunarMonth11(yy, timeZone);
  let b11 = a11;
  let lunarYear: number;
  if (a11 >= monthStart) {
    lunarYear = yy;
    a11 = lunarMonth11(yy - 1, timeZone);
  } else {
    lunarYear = yy + 1;
    b11 = lunarMonth11(yy + 1, timeZone);
  }
  const day = dayNumber - monthStart + 1;
  const diff = Math.floor((monthStart - a11) / 29);
  let leap = false;
  let month = diff + 11;
  if (b11 - a11 > 365) {
    const leapDiff = leapMonthOffset(a11, timeZone);
    if (diff >= leapDiff) {
      month = diff + 10;
      if (diff === leapDiff) leap = true;
    }
  }
  if (month > 12) month -= 12;
  if (month >= 11 && diff < 4) lunarYear -= 1;
  return { day, month, year: lunarYear, leap };
}

/**
 * The JDN of a lunar date, or null when the leap month asked for does not exist that year.
 * `lunarYear` names the year whose month 1 begins in that Gregorian year.
 */
export function lunarToJd(
  lunarDay: number,
  lunarMonth: number,
  lunarYear: number,
  lunarLeap = false,
  timeZone = VIETNAM_TIME_ZONE_HOURS,
): number | null {
  let a11: number;
  let b11: number;
  if (lunarMonth < 11) {
    a11 = lunarMonth11(lunarYear - 1, timeZone);
    b11 = lunarMonth11(lunarYear, timeZone);
  } else {
    a11 = lunarMonth11(lunarYear, timeZone);
    b11 = lunarMonth11(lunarYear + 1, timeZone);
  }
  const k = Math.floor(0.5 + (a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  let off = lunarMonth - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11, timeZone);
    let leapMonth = leapOff - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (lunarLeap && lunarMonth !== leapMonth) return null;
    if (lunarLeap || off >= leapOff) off += 1;
  } else if (lunarLeap) {
    return null;
  }
  return newMoonDay(k + off, timeZone) + lunarDay - 1;
}

/** 'YYYY-MM-DD' of a JDN. */
export function jdToIso(jd: number): string {
  const [d, m, y] = jdToDate(jd);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Tết Nguyên đán (1st day of the 1st lunar month) in Gregorian year `year`, Vietnam time. */
export function tetDay1(year: number, timeZone = VIETNAM_TIME_ZONE_HOURS): string {
  return jdToIso(lunarToJd(1, 1, year, false, timeZone) as number);
}

/** Hùng Kings' commemoration day (10th day of the 3rd lunar month, never the leap one) in Gregorian year `year`. */
export function hungKingsDay(year: number, timeZone = VIETNAM_TIME_ZONE_HOURS): string {
  return jdToIso(lunarToJd(10, 3, year, false, timeZone) as number);
}
