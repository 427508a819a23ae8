import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { IsEnum, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { progressOf, type ImportJobRow, type ImportState } from 'src/modules/imports/pipeline/import-job.model';
import { IMPORT_TARGETS, type ImportTarget } from 'src/modules/imports/targets/import-targets';

const STATES: ImportState[] = ['UPLOADED', 'VALIDATING', 'VALIDATED', 'COMMITTING', 'COMMITTED', 'CANCELLED', 'FAILED'];
/** The GraphQL / validation enum of target codes, built from the single target list (import-targets.ts). */
export const ImportTargetEnum = Object.fromEntries(IMPORT_TARGETS.map((code) => [code, code])) as Record<
  ImportTarget,
  ImportTarget
>;
registerEnumType(ImportTargetEnum, { name: 'ImportTarget' });

@ObjectType('ImportCounts', { description: 'Dry-run result for the whole file (rows), before anything is written' })
export class ImportCountsView {
  @ApiProperty() @Field(() => Int) create!: number;
  @ApiProperty() @Field(() => Int) update!: number;
  @ApiProperty() @Field(() => Int) unchanged!: number;
  @ApiProperty() @Field(() => Int) rejected!: number;
  @ApiProperty({ description: 'Households the commit would create' }) @Field(() => Int) householdsToCreate!: number;
}

@ObjectType('ImportProgress')
export class ImportProgressView {
  @ApiProperty({ enum: STATES }) @Field() phase!: string;
  @ApiProperty() @Field(() => Int) rowsDone!: number;
  @ApiProperty({ type: Number, nullable: true }) @Field(() => Int, { nullable: true }) rowsTotal!: number | null;
  @ApiProperty({ type: Number, nullable: true }) @Field(() => Int, { nullable: true }) rowsPerSecond!: number | null;
  @ApiProperty({ type: Number, nullable: true }) @Field(() => Int, { nullable: true }) etaSeconds!: number | null;
  @ApiProperty({ description: 'Rows with at least one error so far' }) @Field(() => Int) errors!: number;
}

@ObjectType('ImportJob')
export class ImportView {
  @ApiProperty({ format: 'uuid', maxLength: 36 }) @Field(() => ID) id!: string;
  @ApiProperty({ enum: IMPORT_TARGETS }) @Field(() => ImportTargetEnum) target!: ImportTarget;
  @ApiProperty({ enum: STATES }) @Field() state!: string;
  @ApiProperty({ maxLength: 255 }) @Field() fileName!: string;
  @ApiProperty({ enum: ['CSV', 'XLSX'] }) @Field() format!: string;
  @ApiProperty({ type: String, nullable: true, maxLength: 40 }) @Field(() => String, { nullable: true })
  encoding!: string | null;
  @ApiProperty() @Field(() => Int) fileSize!: number;
  @ApiProperty({ maxLength: 64, pattern: '^[0-9a-f]{64}$' }) @Field() sha256!: string;
  @ApiProperty({ type: ImportCountsView, nullable: true }) @Field(() => ImportCountsView, { nullable: true })
  counts!: ImportCountsView | null;
  @ApiProperty({ type: ImportProgressView }) @Field(() => ImportProgressView) progress!: ImportProgressView;
  @ApiProperty({ type: String, nullable: true, maxLength: 2000 }) @Field(() => String, { nullable: true })
  failure!: string | null;
  @ApiProperty() @Field() cancelRequested!: boolean;
  @ApiProperty({ format: 'date-time' }) @Field() createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) @Field(() => Date, { nullable: true })
  validatedAt!: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) @Field(() => Date, { nullable: true })
  finishedAt!: Date | null;
}

export function toImportView(job: ImportJobRow): ImportView {
  return {
    id: job.id,
    target: job.target,
    state: job.state,
    fileName: job.file_name,
    format: job.file_format,
    encoding: job.encoding,
    fileSize: Number(job.file_size),
    sha256: job.file_sha256,
    counts:
      job.count_create === null
        ? null
        : {
            create: job.count_create,
            update: job.count_update ?? 0,
            unchanged: job.count_unchanged ?? 0,
            rejected: job.count_rejected ?? 0,
            householdsToCreate: job.households_to_create ?? 0,
          },
    progress: progressOf(job),
    failure: job.failure,
    cancelRequested: job.cancel_requested,
    createdAt: job.created_at,
    validatedAt: job.validated_at,
    finishedAt: job.finished_at,
  };
}

export class UploadImportQuery {
  @ApiProperty({ enum: IMPORT_TARGETS, example: 'HOUSEHOLD_MEMBERS' })
  @IsEnum(ImportTargetEnum)
  target!: ImportTarget;

  @ApiProperty({ maxLength: 255, example: 'ho-ngheo-2026.xlsx', pattern: '^[^/\\\\]{1,255}$' })
  @IsString()
  @MaxLength(255)
  @Matches(/^[^/\\]{1,255}$/)
  fileName!: string;
}

export class SheetFormatQuery {
  @ApiProperty({ enum: ['csv', 'xlsx'], required: false, example: 'xlsx' })
  @IsOptional()
  @IsIn(['csv', 'xlsx'])
  format?: 'csv' | 'xlsx';
}
