/**
 * The one masking of a citizen ID number (CCCD / số định danh cá nhân) in API responses, shared by the registry and
 * digitisation: `001012345645` → `0010******45`, first four and last two digits visible.
 */
export function maskCccd(value: string | null | undefined): string | null {
  if (!value) return null;
  if (value.length < 6) return '*'.repeat(value.length);
  return `${value.slice(0, 4)}${'*'.repeat(value.length - 6)}${value.slice(-2)}`;
}
