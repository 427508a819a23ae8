import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const AGENCY_KINDS = [
  'DEPARTMENT',
  'DEPARTMENT_OFFICE',
  'SERVICE_CENTRE',
  'DISTRICT_COMMITTEE',
  'COMMUNE_COMMITTEE',
  'OTHER',
] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

/** Agency electronic ID (Decision 20/2020/QĐ-TTg): groups of A–Z/0–9 separated by dots, at most 35 characters. */
export const AGENCY_CODE_PATTERN = /^[A-Z0-9]+(\.[A-Z0-9]+)*$/;

/** A public body (cơ quan) serving an administrative unit. */
@Entity('agencies')
export class AgencyEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) code!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) kind!: AgencyKind;
  @Column({ type: 'uuid' }) unitId!: string;
  @Column({ type: 'uuid', nullable: true }) parentId!: string | null;
  @Column({ type: 'boolean', default: true }) active!: boolean;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
  @Column({ type: 'integer', default: 1 }) version!: number;
}
