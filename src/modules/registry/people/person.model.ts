import type { Gender } from 'src/modules/registry/domain/birth-date';
import { d, type RecordSource } from 'src/modules/registry/registry.types';

export type VitalStatus = 'ALIVE' | 'DECEASED';
export type VerificationStatus = 'UNVERIFIED' | 'VERIFIED' | 'MISMATCH' | 'NOT_FOUND';

/** A person as services return it (full CCCD: callers mask it for lists). */
export interface PersonRecord {
  id: string;
  cccd: string | null;
  fullName: string;
  /** 'YYYY-MM-DD', or 'YYYY' when only the year is known. */
  birth: string;
  birthYear: number;
  gender: Gender;
  ethnicity: string | null;
  residenceUnitId: string | null;
  address: string | null;
  phone: string | null;
  vitalStatus: VitalStatus;
  deathDate: string | null;
  receivesPension: boolean;
  verificationStatus: VerificationStatus;
  verifiedAt: Date | null;
  mergedIntoId: string | null;
  source: RecordSource;
  sourceRef: string | null;
  createdBy: string;
  createdAt: Date;
  updatedBy: string | null;
  updatedAt: Date;
  version: number;
}

export const PERSON_COLUMNS = `p.id, p.cccd, p.full_name as "fullName",
  coalesce(${d('p.birth_date')}, p.birth_year::text) as birth, p.birth_year as "birthYear", p.gender, p.ethnicity,
  p.residence_unit_id as "residenceUnitId", p.address, p.phone, p.vital_status as "vitalStatus",
  ${d('p.death_date')} as "deathDate", p.receives_pension as "receivesPension",
  p.verification_status as "verificationStatus", p.verified_at as "verifiedAt", p.merged_into_id as "mergedIntoId",
  p.source, p.source_ref as "sourceRef", p.created_by as "createdBy", p.created_at as "createdAt",
  p.updated_by as "updatedBy", p.updated_at as "updatedAt", p.version`;
