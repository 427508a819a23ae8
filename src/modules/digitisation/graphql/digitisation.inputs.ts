import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { CursorPageArgs } from 'src/common/pagination/pagination';
import type { FileState } from 'src/modules/digitisation/digitisation.service';
import { DigitisationFileStateEnum, FILE_STATES } from 'src/modules/digitisation/graphql/digitisation.objects';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

@InputType('CreateDigitisationProjectInput')
export class CreateProjectInput {
  @Field({ description: 'Upper-case code, e.g. NCC-HUYEN-X' }) @Matches(/^[A-Z0-9][A-Z0-9._-]{0,39}$/) code!: string;
  @Field() @IsString() @MinLength(1) @MaxLength(300) name!: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() unitId?: string;
}

@InputType('RegisterDigitisationFileInput')
export class RegisterFileInput {
  @Field(() => ID) @IsUUID() projectId!: string;
  @Field({ description: 'The box is created on first use' }) @IsString() @MinLength(1) @MaxLength(60) boxCode!: string;
  @Field() @IsString() @MinLength(1) @MaxLength(100) archiveCode!: string;
}

/** The key fields a clerk types from the paper file; CCCD, injury rate and decision number are typed twice. */
@InputType('DigitisationEntryInput')
export class EntryInput {
  @Field() @IsString() @MinLength(1) @MaxLength(200) fullName!: string;
  @Field({ description: "'YYYY-MM-DD' or 'YYYY'" }) @Matches(/^\d{4}(-\d{2}-\d{2})?$/) birth!: string;
  @Field() @IsIn(['MALE', 'FEMALE']) gender!: 'MALE' | 'FEMALE';
  @Field({ nullable: true }) @IsOptional() @Matches(/^[0-9]{12}$/) cccd?: string;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(100) injuryRate?: number;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(100) decisionNumber?: string;
  @Field({ nullable: true }) @IsOptional() @Matches(DATE) decisionDate?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(60) category?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(40) householdCode?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(500) address?: string;
}

@InputType('VerifyDigitisationFileInput')
export class VerifyInput {
  @Field({ description: 'true: the entered data matches the scan; false: back to data entry' }) @IsBoolean() agree!: boolean;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(1000) reason?: string;
}

@ArgsType()
export class ProjectIdArgs {
  @Field(() => ID) @IsUUID() projectId!: string;
}

@ArgsType()
export class FileIdArgs {
  @Field(() => ID) @IsUUID() fileId!: string;
}

@ArgsType()
export class EntryArgs extends FileIdArgs {
  @Field(() => EntryInput) @ValidateNested() @Type(() => EntryInput) input!: EntryInput;
}

@ArgsType()
export class VerifyArgs extends FileIdArgs {
  @Field(() => VerifyInput) @ValidateNested() @Type(() => VerifyInput) input!: VerifyInput;
}

@ArgsType()
export class LinkArgs extends FileIdArgs {
  @Field(() => ID, { nullable: true, description: 'Explicit person; omitted: the dedup rules decide' })
  @IsOptional()
  @IsUUID()
  personId?: string;
}

@ArgsType()
export class BoxesArgs extends CursorPageArgs {
  @Field(() => ID) @IsUUID() projectId!: string;
}

@ArgsType()
export class FilesArgs extends CursorPageArgs {
  @Field(() => ID) @IsUUID() projectId!: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() boxId?: string;
  @Field(() => DigitisationFileStateEnum, { nullable: true }) @IsOptional() @IsIn(FILE_STATES) state?: FileState;
}

@ArgsType()
export class StatsArgs extends ProjectIdArgs {
  @Field({ nullable: true, description: 'First business day of the per-day figures' })
  @IsOptional()
  @Matches(DATE)
  from?: string;
  @Field({ nullable: true, description: 'Last business day of the per-day figures' })
  @IsOptional()
  @Matches(DATE)
  to?: string;
}
