import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One version of a procedure, in force on [validFrom, validTo). Dossiers reference its id. Persistence only. */
@Entity('procedure_versions')
export class ProcedureVersionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) procedureId!: string;
  @Column({ type: 'integer' }) versionNo!: number;
  @Column({ type: 'uuid' }) decisionId!: string;
  @Column({ type: 'text' }) changeKind!: string;
  @Column({ type: 'date', nullable: true }) validFrom!: string | null;
  @Column({ type: 'date', nullable: true }) validTo!: string | null;
  @Column({ type: 'text', nullable: true }) portalCode!: string | null;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) fieldCode!: string;
  @Column({ type: 'text', nullable: true }) fieldText!: string | null;
  @Column({ type: 'text', array: true, default: '{}' }) levels!: string[];
  @Column({ type: 'text', nullable: true }) levelText!: string | null;
  @Column({ type: 'boolean', default: false }) interLevel!: boolean;
  @Column({ type: 'uuid', nullable: true }) implementingAgencyId!: string | null;
  @Column({ type: 'text', nullable: true }) implementingAgencyName!: string | null;
  @Column({ type: 'uuid', nullable: true }) decidingAgencyId!: string | null;
  @Column({ type: 'text', nullable: true }) decidingAgencyName!: string | null;
  @Column({ type: 'numeric', precision: 7, scale: 2, nullable: true }) timeLimitAmount!: string | null;
  @Column({ type: 'text', nullable: true }) timeLimitUnit!: string | null;
  @Column({ type: 'text', nullable: true }) timeLimitText!: string | null;
  @Column({ type: 'numeric', precision: 7, scale: 2, nullable: true }) normAmount!: string | null;
  @Column({ type: 'text', nullable: true }) normUnit!: string | null;
  @Column({ type: 'text', array: true, nullable: true }) channels!: string[] | null;
  @Column({ type: 'text', nullable: true }) onlineMode!: string | null;
  @Column({ type: 'smallint', nullable: true }) legacyOnlineLevel!: number | null;
  @Column({ type: 'text', nullable: true }) feePolicy!: string | null;
  @Column({ type: 'text', nullable: true }) feeText!: string | null;
  @Column({ type: 'text', nullable: true }) resultKind!: string | null;
  @Column({ type: 'text', nullable: true }) resultText!: string | null;
  @Column({ type: 'boolean', nullable: true }) pausable!: boolean | null;
  @Column({ type: 'boolean', nullable: true }) extensionAllowed!: boolean | null;
  @Column({ type: 'text', nullable: true }) province!: string | null;
  @Column({ type: 'text', nullable: true }) notes!: string | null;
  @Column({ type: 'boolean', default: false }) unconfirmed!: boolean;
  @Column({ type: 'jsonb', nullable: true }) source!: Record<string, unknown> | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}
