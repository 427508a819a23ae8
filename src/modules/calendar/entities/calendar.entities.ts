import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** A version of the calendar: every change to the overrides creates one. Persistence only. */
@Entity('calendar_versions')
export class CalendarVersionEntity {
  @PrimaryColumn({ type: 'integer' }) version!: number;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'text', nullable: true }) createdBy!: string | null;
  @Column({ type: 'text', nullable: true }) note!: string | null;
}

/** An announced day off or make-up working day, valid from one version until retired. Persistence only. */
@Entity('calendar_overrides')
export class CalendarOverrideEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'date' }) day!: string;
  @Column({ type: 'text' }) kind!: string;
  @Column({ type: 'text', nullable: true }) holiday!: string | null;
  @Column({ type: 'text' }) reason!: string;
  @Column({ type: 'text', nullable: true }) documentNumber!: string | null;
  @Column({ type: 'date', nullable: true }) documentDate!: string | null;
  @Column({ type: 'boolean' }) unconfirmed!: boolean;
  @Column({ type: 'text', nullable: true }) notes!: string | null;
  @Column({ type: 'text', nullable: true }) seedKey!: string | null;
  @Column({ type: 'integer' }) createdInVersion!: number;
  @Column({ type: 'integer', nullable: true }) retiredInVersion!: number | null;
  @Column({ type: 'text', nullable: true }) createdBy!: string | null;
}

/** Per-agency receipt cut-off. Persistence only. */
@Entity('calendar_receipt_cutoffs')
export class ReceiptCutoffEntity {
  @PrimaryColumn({ type: 'uuid' }) agencyId!: string;
  @Column({ type: 'text' }) cutoff!: string;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @Column({ type: 'timestamptz' }) updatedAt!: Date;
}

/** The deadline of one subject's step. Persistence only. */
@Entity('deadline_ledgers')
export class DeadlineLedgerEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) subjectType!: string;
  @Column({ type: 'uuid' }) subjectId!: string;
  @Column({ type: 'text' }) stepKey!: string;
  @Column({ type: 'numeric' }) budgetAmount!: string;
  @Column({ type: 'text' }) budgetUnit!: string;
  @Column({ type: 'timestamptz' }) anchorAt!: Date;
  @Column({ type: 'date', nullable: true }) postmarkDate!: string | null;
  @Column({ type: 'uuid', nullable: true }) agencyId!: string | null;
  @Column({ type: 'date' }) countingStart!: string;
  @Column({ type: 'integer' }) extensionCeilingDays!: number;
  @Column({ type: 'integer' }) calendarVersion!: number;
  @Column({ type: 'numeric' }) consumed!: string;
  @Column({ type: 'timestamptz' }) consumedAsOf!: Date;
  @Column({ type: 'timestamptz' }) dueAt!: Date;
  @Column({ type: 'date' }) dueDate!: string;
  @Column({ type: 'timestamptz', nullable: true }) closedAt!: Date | null;
  @Column({ type: 'text', nullable: true }) closeReason!: string | null;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'timestamptz' }) updatedAt!: Date;
  @Column({ type: 'integer' }) rowVersion!: number;
}

/** A clock stop of a ledger. Persistence only. */
@Entity('deadline_pauses')
export class DeadlinePauseEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) ledgerId!: string;
  @Column({ type: 'timestamptz' }) pausedAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) resumedAt!: Date | null;
  @Column({ type: 'text' }) reasonCode!: string;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column({ type: 'text', nullable: true }) createdBy!: string | null;
}

/** An extension granted by a document. Persistence only. */
@Entity('deadline_extensions')
export class DeadlineExtensionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) ledgerId!: string;
  @Column({ type: 'integer' }) days!: number;
  @Column({ type: 'text' }) documentNumber!: string;
  @Column({ type: 'date' }) grantedOn!: string;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column({ type: 'text', nullable: true }) createdBy!: string | null;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
}

/** Every entity of the calendar module, for src/database/entities.ts. */
export const CALENDAR_ENTITIES: Function[] = [
  CalendarVersionEntity,
  CalendarOverrideEntity,
  ReceiptCutoffEntity,
  DeadlineLedgerEntity,
  DeadlinePauseEntity,
  DeadlineExtensionEntity,
];
