/**
 * Sensitive personal-data categories (Law 91/2025/QH15 on Personal Data Protection, in force 1 January 2026), in
 * ONE place. Field names listed here are masked in audit diffs shown to auditors (unless one record is asked for)
 * and reads of them by staff are recorded as VIEW_PERSONAL_DATA. Modules name their fields after these keys or add
 * their own field names to the right category here.
 */
export const PERSONAL_DATA_CATEGORIES = {
  CITIZEN_ID: ['citizenId', 'citizenIdNumber', 'idNumber', 'identityNumber', 'passportNumber', 'socialInsuranceNumber'],
  DATE_OF_BIRTH: ['dateOfBirth', 'birthDate', 'birthYear'],
  BANK_ACCOUNT: ['bankAccount', 'bankAccountNumber', 'accountNumber', 'paymentAccount'],
  HEALTH: [
    'medicalDetails',
    'medicalCondition',
    'diagnosis',
    'injuryDetails',
    'injuryRate',
    'disabilityLevel',
    'disabilityType',
    'healthStatus',
  ],
  CONTACT: ['phone', 'phoneNumber', 'email', 'address', 'permanentAddress', 'currentAddress'],
} as const;

export type PersonalDataCategory = keyof typeof PERSONAL_DATA_CATEGORIES;

const SENSITIVE = new Set<string>(Object.values(PERSONAL_DATA_CATEGORIES).flat());

export function isPersonalDataField(field: string): boolean {
  return SENSITIVE.has(field);
}

export const MASK = '***';

/** A deep copy with every personal-data field's value replaced by `***` (object keys at any depth). */
export function maskPersonalData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskPersonalData);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [
      k,
      isPersonalDataField(k) && v !== null && v !== undefined ? MASK : maskPersonalData(v),
    ]),
  );
}
