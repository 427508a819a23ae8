import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { AdminLevel } from 'src/modules/dossiers/domain/dossier-state';

export type StepOutcome = 'EARLY' | 'ON_TIME' | 'LATE';

@Entity('dossier_files')
export class DossierFileEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) dossierId!: string;
  @Column({ type: 'text' }) purpose!: 'DOCUMENT' | 'RESULT';
  @Column({ type: 'text' }) storageKey!: string;
  @Column({ type: 'text' }) fileName!: string;
  @Column({ type: 'text' }) contentType!: string;
  @Column({ type: 'bigint' }) sizeBytes!: string;
  @Column({ type: 'text' }) sha256!: string;
  @Column({ type: 'text' }) uploadedBy!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}

@Entity('dossier_documents')
export class DossierDocumentEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) dossierId!: string;
  @Column({ type: 'text', nullable: true }) checklistCode!: string | null;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'boolean' }) mandatory!: boolean;
  @Column({ type: 'integer' }) copies!: number;
  @Column({ type: 'text' }) form!: 'ORIGINAL' | 'CERTIFIED_COPY' | 'COPY' | 'ELECTRONIC';
  @Column({ type: 'uuid', nullable: true }) fileId!: string | null;
  @Column({ type: 'boolean' }) asSupplement!: boolean;
  @Column({ type: 'timestamptz' }) providedAt!: Date;
}

@Entity('dossier_steps')
export class DossierStepEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) dossierId!: string;
  @Column({ type: 'integer' }) seq!: number;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text', nullable: true }) level!: AdminLevel | null;
  @Column({ type: 'uuid', nullable: true }) agencyId!: string | null;
  @Column({ type: 'uuid', nullable: true }) assigneeUserId!: string | null;
  @Column({ type: 'numeric', nullable: true }) budgetAmount!: string | null;
  @Column({ type: 'text', nullable: true }) budgetUnit!: 'WORKING_DAYS' | 'WORKING_HOURS' | 'CALENDAR_DAYS' | null;
  @Column({ type: 'text' }) status!: 'PENDING' | 'ACTIVE' | 'DONE' | 'SKIPPED';
  @Column({ type: 'timestamptz', nullable: true }) startedAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) dueAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) finishedAt!: Date | null;
  @Column({ type: 'text', nullable: true }) outcome!: StepOutcome | null;
}

/** One line of the process control slip (phiếu kiểm soát quá trình giải quyết hồ sơ). */
@Entity('dossier_handovers')
export class DossierHandoverEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) dossierId!: string;
  @Column({ type: 'uuid', nullable: true }) fromStepId!: string | null;
  @Column({ type: 'uuid', nullable: true }) toStepId!: string | null;
  @Column({ type: 'uuid', nullable: true }) fromAgencyId!: string | null;
  @Column({ type: 'uuid', nullable: true }) toAgencyId!: string | null;
  @Column({ type: 'text' }) fromPerson!: string;
  @Column({ type: 'text', nullable: true }) toPerson!: string | null;
  @Column({ type: 'timestamptz' }) handedAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) stepDueAt!: Date | null;
  @Column({ type: 'text', nullable: true }) stepOutcome!: StepOutcome | null;
  @Column({ type: 'text', nullable: true }) note!: string | null;
}

@Entity('dossier_supplement_requests')
export class DossierSupplementRequestEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) dossierId!: string;
  @Column({ type: 'text' }) stage!: 'AT_RECEIPT' | 'IN_PROCESSING';
  @Column({ type: 'jsonb' }) missing!: string[];
  @Column({ type: 'text' }) reason!: string;
  @Column({ type: 'text' }) requestedBy!: string;
  @Column({ type: 'timestamptz' }) requestedAt!: Date;
  @Column({ type: 'date', nullable: true }) pausedFrom!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) providedAt!: Date | null;
  @Column({ type: 'integer', nullable: true }) pausedWorkingDays!: number | null;
}

@Entity('dossier_apologies')
export class DossierApologyEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) dossierId!: string;
  @Column({ type: 'text' }) reason!: string;
  @Column({ type: 'date' }) previousDueDate!: string;
  @Column({ type: 'date' }) newDueDate!: string;
  @Column({ type: 'date' }) sentOn!: string;
  @Column({ type: 'boolean' }) inTime!: boolean;
  @Column({ type: 'text' }) signedBy!: string;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
}

/** Append-only (a trigger refuses update and delete). Reports replay these with the deadline ledger. */
@Entity('dossier_events')
export class DossierEventEntity {
  @PrimaryColumn({ type: 'bigint', generated: 'increment' }) id!: string;
  @Column({ type: 'uuid' }) dossierId!: string;
  @Column({ type: 'text' }) type!: string;
  @Column({ type: 'text', nullable: true }) fromState!: string | null;
  @Column({ type: 'text', nullable: true }) toState!: string | null;
  @Column({ type: 'text' }) actorKind!: string;
  @Column({ type: 'text' }) actorId!: string;
  @Column({ type: 'text' }) actorName!: string;
  @Column({ type: 'timestamptz' }) occurredAt!: Date;
  @Column({ type: 'jsonb' }) payload!: Record<string, unknown>;
}
