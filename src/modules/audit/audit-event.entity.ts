import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One audit event (append-only; chain columns are filled by the database trigger). Read-only for the app. */
@Entity('audit_events')
export class AuditEventEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ type: 'bigint' }) seq!: string;
  @Column({ type: 'date' }) segmentDate!: string;
  @Column({ type: 'timestamptz' }) recordedAt!: Date;
  @Column({ type: 'text' }) actorKind!: string;
  @Column({ type: 'text', nullable: true }) actorId!: string | null;
  @Column({ type: 'text', nullable: true }) actorName!: string | null;
  @Column({ type: 'uuid', nullable: true }) agencyId!: string | null;
  @Column({ type: 'text', nullable: true }) requestId!: string | null;
  @Column({ type: 'text', nullable: true }) ip!: string | null;
  @Column({ type: 'text' }) action!: string;
  @Column({ type: 'text' }) entityType!: string;
  @Column({ type: 'text', nullable: true }) entityId!: string | null;
  @Column({ type: 'jsonb', nullable: true }) diff!: unknown;
  @Column({ type: 'text', array: true }) personalFields!: string[];
  @Column({ type: 'text' }) prevHash!: string;
  @Column({ type: 'text' }) hash!: string;
}
