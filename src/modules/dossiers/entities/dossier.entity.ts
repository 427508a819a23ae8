import { Column, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import type { DossierCodeScheme } from 'src/modules/dossiers/domain/dossier-code';
import type { AdminLevel, DossierState } from 'src/modules/dossiers/domain/dossier-state';
import type { Channel } from 'src/modules/dossiers/domain/portal-codes';

export type ApplicantKind = 'PERSON' | 'ORGANISATION';

/** One application (hồ sơ TTHC). Persistence only: API shapes are mapped explicitly. */
@Entity('dossiers')
export class DossierEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) code!: string;
  /** 'LEGACY' for dossiers recorded from older software (LegacyDossierRecordsService). */
  @Column({ type: 'text' }) codeScheme!: DossierCodeScheme | 'LEGACY';
  /** 'LEGACY_IMPORT': history recorded from older one-stop software, keyed by agency + `legacyCode`. */
  @Column({ type: 'text', default: 'DESK' }) origin!: 'DESK' | 'LEGACY_IMPORT';
  @Column({ type: 'text', nullable: true }) legacyCode!: string | null;
  @Column({ type: 'uuid' }) procedureVersionId!: string;
  @Column({ type: 'text' }) procedureCode!: string;
  @Column({ type: 'text' }) channel!: Channel;
  @Column({ type: 'text' }) state!: DossierState;
  @Column({ type: 'uuid' }) agencyId!: string;
  @Column({ type: 'uuid' }) unitId!: string;
  @Column({ type: 'uuid' }) handlingAgencyId!: string;
  @Column({ type: 'uuid' }) handlingUnitId!: string;
  @Column({ type: 'text' }) handlingLevel!: AdminLevel;
  @Column({ type: 'text' }) applicantKind!: ApplicantKind;
  @Column({ type: 'text' }) applicantName!: string;
  /** Citizen-ID / tax number: stored for matching, never logged, never in lists. */
  @Column({ type: 'text', nullable: true }) applicantIdNumber!: string | null;
  @Column({ type: 'text', nullable: true }) applicantPhone!: string | null;
  @Column({ type: 'text', nullable: true }) applicantEmail!: string | null;
  @Column({ type: 'text', nullable: true }) applicantAddress!: string | null;
  @Column({ type: 'uuid', nullable: true }) registryPersonId!: string | null;
  /** Death-registration dossiers: the deceased (the applicant is the declarant). CCCD never logged or listed. */
  @Column({ type: 'text', nullable: true }) deceasedIdNumber!: string | null;
  @Column({ type: 'text', nullable: true }) deceasedName!: string | null;
  @Column({ type: 'date', nullable: true }) deceasedDeathDate!: string | null;
  @Column({ type: 'text' }) receivedByKind!: 'user' | 'api_key' | 'system';
  @Column({ type: 'text' }) receivedById!: string;
  @Column({ type: 'text' }) receivedByName!: string;
  @Column({ type: 'uuid', nullable: true }) assigneeUserId!: string | null;
  @Column({ type: 'timestamptz' }) submittedAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) acceptedAt!: Date | null;
  @Column({ type: 'date', nullable: true }) countingStart!: string | null;
  @Column({ type: 'numeric', nullable: true }) timeLimitAmount!: string | null;
  @Column({ type: 'text', nullable: true }) timeLimitUnit!: 'WORKING_DAYS' | 'WORKING_HOURS' | 'CALENDAR_DAYS' | null;
  @Column({ type: 'timestamptz', nullable: true }) dueAt!: Date | null;
  @Column({ type: 'date', nullable: true }) dueDate!: string | null;
  @Column({ type: 'date', nullable: true }) originalDueDate!: string | null;
  @Column({ type: 'boolean', default: false }) appointmentMoved!: boolean;
  @Column({ type: 'integer', default: 0 }) pausedWorkingDays!: number;
  @Column({ type: 'integer', default: 0 }) supplementRequests!: number;
  @Column({ type: 'date', nullable: true }) pausedSince!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) resolvedAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) stoppedAt!: Date | null;
  @Column({ type: 'text', nullable: true }) decisionNumber!: string | null;
  @Column({ type: 'text', nullable: true }) decisionSigner!: string | null;
  @Column({ type: 'date', nullable: true }) decisionDate!: string | null;
  @Column({ type: 'text', nullable: true }) decisionReason!: string | null;
  @Column({ type: 'text', nullable: true }) legalBasis!: string | null;
  @Column({ type: 'uuid', nullable: true }) resultFileId!: string | null;
  @Column({ type: 'boolean', default: false }) resultDigitised!: boolean;
  @Column({ type: 'timestamptz', nullable: true }) resultReturnedAt!: Date | null;
  @Column({ type: 'text', nullable: true }) resultReturnChannel!: Channel | null;
  @Column({ type: 'text', nullable: true }) refusalReason!: string | null;
  @VersionColumn() version!: number;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}
