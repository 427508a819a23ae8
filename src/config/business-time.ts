/** The business time zone of every legal date and deadline. The one place it is named. */
export const BUSINESS_TIME_ZONE = 'Asia/Ho_Chi_Minh';
/** Vietnam has had no daylight saving since 1975: a fixed offset is exact for every date the service handles. */
export const BUSINESS_UTC_OFFSET_MINUTES = 7 * 60;

/** The business date ('YYYY-MM-DD', Asia/Ho_Chi_Minh) of an instant. */
export function businessDate(instant: Date): string {
  return new Date(instant.getTime() + BUSINESS_UTC_OFFSET_MINUTES * 60_000).toISOString().slice(0, 10);
}
