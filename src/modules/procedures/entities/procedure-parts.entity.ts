import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One procedure named by a publication decision, with the content it publishes. Persistence only. */
@Entity('procedure_decision_items')
export class ProcedureDecisionItemEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) decisionId!: string;
  @Column({ type: 'integer' }) seq!: number;
  @Column({ type: 'text' }) action!: string;
  @Column({ type: 'text' }) procedureCode!: string;
  @Column({ type: 'jsonb', nullable: true }) content!: Record<string, unknown> | null;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column({ type: 'uuid', nullable: true }) resultingVersionId!: string | null;
  @Column({ type: 'text', array: true, default: '{}' }) levels!: string[];
}

/** Căn cứ pháp lý of a version. Persistence only. */
@Entity('procedure_legal_bases')
export class ProcedureLegalBasisEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) versionId!: string;
  @Column({ type: 'integer' }) seq!: number;
  @Column({ type: 'text' }) documentNumber!: string;
  @Column({ type: 'date', nullable: true }) documentDate!: string | null;
  @Column({ type: 'text', nullable: true }) article!: string | null;
  @Column({ type: 'text', nullable: true }) note!: string | null;
}

/** Thành phần hồ sơ of a version. Persistence only. */
@Entity('procedure_documents')
export class ProcedureDocumentEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) versionId!: string;
  @Column({ type: 'integer' }) seq!: number;
  @Column({ type: 'text' }) code!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'smallint', default: 0 }) originals!: number;
  @Column({ type: 'smallint', default: 0 }) copies!: number;
  @Column({ type: 'boolean', default: false }) certifiedCopyAccepted!: boolean;
  @Column({ type: 'boolean', default: true }) mandatory!: boolean;
  @Column({ type: 'text', nullable: true }) templateFile!: string | null;
  @Column({ type: 'text', nullable: true }) registrySource!: string | null;
  @Column({ type: 'text', nullable: true }) note!: string | null;
}

/** Phí, lệ phí of a version (integer VND). Persistence only. */
@Entity('procedure_fees')
export class ProcedureFeeEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) versionId!: string;
  @Column({ type: 'integer' }) seq!: number;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'bigint', nullable: true }) amountVnd!: string | null;
  @Column({ type: 'text', nullable: true }) note!: string | null;
}

/** Quy trình nội bộ: one step with its role, level and share of the limit. Persistence only. */
@Entity('procedure_steps')
export class ProcedureStepEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) versionId!: string;
  @Column({ type: 'integer' }) seq!: number;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) role!: string;
  @Column({ type: 'text', nullable: true }) level!: string | null;
  @Column({ type: 'text', nullable: true }) agencyName!: string | null;
  @Column({ type: 'numeric', precision: 7, scale: 2, nullable: true }) budgetAmount!: string | null;
  @Column({ type: 'text', nullable: true }) budgetUnit!: string | null;
}
