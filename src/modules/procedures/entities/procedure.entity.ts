import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Publication decision (quyết định công bố TTHC). Persistence only. */
@Entity('procedure_decisions')
export class ProcedureDecisionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text', nullable: true }) number!: string | null;
  @Column({ type: 'text', nullable: true }) title!: string | null;
  @Column({ type: 'text', nullable: true }) issuer!: string | null;
  @Column({ type: 'text', nullable: true }) signer!: string | null;
  @Column({ type: 'date', nullable: true }) signedOn!: string | null;
  @Column({ type: 'date', nullable: true }) effectiveFrom!: string | null;
  @Column({ type: 'text', nullable: true }) dateText!: string | null;
  @Column({ type: 'text', default: 'DRAFT' }) status!: 'DRAFT' | 'APPLIED';
  @Column({ type: 'boolean', default: false }) unconfirmed!: boolean;
  @Column({ type: 'text', nullable: true }) seedKey!: string | null;
  @Column({ type: 'jsonb', nullable: true }) source!: Record<string, unknown> | null;
  @Column({ type: 'text', nullable: true }) notes!: string | null;
  @Column({ type: 'text', nullable: true }) createdBy!: string | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) appliedAt!: Date | null;
}

/** A procedure's identity (its content lives in versions). Persistence only. */
@Entity('procedures')
export class ProcedureEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) code!: string;
  @Column({ type: 'text', nullable: true }) nationalCode!: string | null;
  @Column({ type: 'date', nullable: true }) abolishedOn!: string | null;
  @Column({ type: 'uuid', nullable: true }) abolishedByDecisionId!: string | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}

/** Lĩnh vực. Persistence only. */
@Entity('procedure_fields')
export class ProcedureFieldEntity {
  @Column({ type: 'text', primary: true }) code!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'integer', default: 0 }) sortOrder!: number;
}
