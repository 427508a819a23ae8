import type { Role } from 'src/common/auth/auth.decorators';

/** Who may read payment data (scoped to their units), prepare cycles and entitlements, and approve. */
export const BENEFIT_READERS: Role[] = [
  'LEADER',
  'DATA_OFFICER',
  'SPECIALIST',
  'REPORT_VIEWER',
  'AUDITOR',
  'ADMIN',
];
export const BENEFIT_PREPARERS: Role[] = ['DATA_OFFICER'];
export const BENEFIT_APPROVERS: Role[] = ['LEADER'];
