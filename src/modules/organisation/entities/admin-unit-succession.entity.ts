import { Column, Entity, PrimaryColumn } from 'typeorm';

export type SuccessionCoverage = 'FULL' | 'PARTIAL';

/** An old unit (whole or part) merged into a new unit from a date. */
@Entity('admin_unit_successions')
export class AdminUnitSuccessionEntity {
  @PrimaryColumn('uuid') oldUnitId!: string;
  @PrimaryColumn('uuid') newUnitId!: string;
  @Column({ type: 'text' }) coverage!: SuccessionCoverage;
  @Column({ type: 'date' }) effectiveFrom!: string;
}
