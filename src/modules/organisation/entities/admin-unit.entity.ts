import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const UNIT_ERAS = ['PRE_2025', 'POST_2025'] as const;
export type UnitEra = (typeof UNIT_ERAS)[number];
export const UNIT_LEVELS = ['PROVINCE', 'DISTRICT', 'COMMUNE'] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];

/** First day of the two-level structure (district level abolished, 34 provinces). */
export const POST_2025_FROM = '2025-07-01';
/** Last day of the old structure. */
export const PRE_2025_TO = '2025-06-30';

/** An administrative unit of one era. Codes are unique per era only: the 2025 list reuses old codes. */
@Entity('admin_units')
export class AdminUnitEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) era!: UnitEra;
  @Column({ type: 'text' }) code!: string;
  @Column({ type: 'text' }) level!: UnitLevel;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) shortName!: string;
  @Column({ type: 'text' }) unitType!: string;
  @Column({ type: 'uuid', nullable: true }) parentId!: string | null;
  @Column({ type: 'date' }) validFrom!: string;
  @Column({ type: 'date', nullable: true }) validTo!: string | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}
