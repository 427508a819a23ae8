import { ArgsType, Field, GraphQLISODateTime, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { CursorPageArgs } from 'src/common/pagination/pagination';
import { GENDERS, type Gender } from 'src/modules/registry/domain/birth-date';
import { maskCccd } from 'src/common/personal-data/cccd-mask';
import {
  BIRTH_PATTERN,
  CCCD_PATTERN,
  DATE_PATTERN,
  GenderEnum,
  PHONE_PATTERN,
  RecordSourceEnum,
} from 'src/modules/registry/api/registry-enums';
import type { PersonRecord } from 'src/modules/registry/people/person.model';
import { COMPLETENESS_FIELDS } from 'src/modules/registry/quality/completeness';
import { RECORD_SOURCES, type RecordSource } from 'src/modules/registry/registry.types';

/** A person in a list: the CCCD masked (`0010******45`), no address or phone. */
@ObjectType('RegistryPersonSummary')
export class PersonSummaryDto {
  @Field(() => ID) @ApiProperty({ format: 'uuid', maxLength: 36 }) id!: string;
  @Field(() => String, { nullable: true })
  @ApiProperty({ type: String, nullable: true, example: '0010******45', maxLength: 12 })
  cccdMasked!: string | null;
  @Field() @ApiProperty({ example: 'Nguyễn Văn An', maxLength: 200 }) fullName!: string;
  @Field({ description: "'YYYY-MM-DD', or 'YYYY' when only the year is known" })
  @ApiProperty({ example: '1950-04-02', maxLength: 10, pattern: BIRTH_PATTERN.source })
  birth!: string;
  @Field(() => GenderEnum) @ApiProperty({ enum: GENDERS }) gender!: Gender;
  @Field(() => ID, { nullable: true })
  @ApiProperty({ type: String, format: 'uuid', maxLength: 36, nullable: true })
  residenceUnitId!: string | null;
  @Field() @ApiProperty({ enum: ['ALIVE', 'DECEASED'] }) vitalStatus!: string;
  @Field(() => String, { nullable: true })
  @ApiProperty({ type: String, nullable: true, format: 'date', maxLength: 10 })
  deathDate!: string | null;
  @Field()
  @ApiProperty({ enum: ['UNVERIFIED', 'VERIFIED', 'MISMATCH', 'NOT_FOUND'] })
  verificationStatus!: string;
  @Field({ description: 'Neither verified nor updated within REGISTRY_STALE_AFTER_DAYS' })
  @ApiProperty()
  stale!: boolean;
}

@ObjectType('RegistryPersonPage')
export class PersonPageDto {
  @Field(() => [PersonSummaryDto])
  @ApiProperty({ type: [PersonSummaryDto], maxItems: 500 })
  items!: PersonSummaryDto[];
  @Field(() => String, { nullable: true })
  @ApiProperty({ type: String, nullable: true, maxLength: 500 })
  nextCursor!: string | null;
}

/** One person in full (single-record read, audited as a personal-data view). */
@ObjectType('RegistryPerson')
export class PersonDetailDto extends PersonSummaryDto {
  @Field(() => String, { nullable: true })
  @ApiProperty({ type: String, nullable: true, maxLength: 12, pattern: CCCD_PATTERN.source })
  cccd!: string | null;
  @Field(() => String, { nullable: true })
  @ApiProperty({ type: String, nullable: true, maxLength: 100 })
  ethnicity!: string | null;
  @Field(() => String, { nullable: true })
  @ApiProperty({ type: String, nullable: true, maxLength: 500 })
  address!: string | null;
  @Field(() => String, { nullable: true })
  @ApiProperty({ type: String, nullable: true, maxLength: 16 })
  phone!: string | null;
  @Field() @ApiProperty() receivesPension!: boolean;
  @Field(() => ID, { nullable: true })
  @ApiProperty({ type: String, format: 'uuid', maxLength: 36, nullable: true })
  mergedIntoId!: string | null;
  @Field(() => RecordSourceEnum) @ApiProperty({ enum: RECORD_SOURCES }) source!: RecordSource;
  @Field(() => String, { nullable: true })
  @ApiProperty({ type: String, nullable: true, maxLength: 200 })
  sourceRef!: string | null;
  @Field() @ApiProperty({ maxLength: 200 }) createdBy!: string;
  @Field(() => GraphQLISODateTime) @ApiProperty({ format: 'date-time', maxLength: 40 }) createdAt!: Date;
  @Field(() => GraphQLISODateTime) @ApiProperty({ format: 'date-time', maxLength: 40 }) updatedAt!: Date;
  @Field(() => GraphQLISODateTime, { nullable: true })
  @ApiProperty({ type: String, format: 'date-time', maxLength: 40, nullable: true })
  verifiedAt!: Date | null;
  @Field(() => Int) @ApiProperty() version!: number;
  @Field(() => Int, { description: 'Completeness 0–100' })
  @ApiProperty({ minimum: 0, maximum: 100 })
  completeness!: number;
  @Field(() => [String])
  @ApiProperty({ enum: COMPLETENESS_FIELDS, isArray: true, maxItems: 20 })
  missingFields!: string[];
}

export function toSummary(p: PersonRecord, stale: boolean): PersonSummaryDto {
  return {
    id: p.id,
    cccdMasked: maskCccd(p.cccd),
    fullName: p.fullName,
    birth: p.birth,
    gender: p.gender,
    residenceUnitId: p.residenceUnitId,
    vitalStatus: p.vitalStatus,
    deathDate: p.deathDate,
    verificationStatus: p.verificationStatus,
    stale,
  };
}

export function toDetail(
  p: PersonRecord,
  stale: boolean,
  completeness: { score: number; missing: string[] },
): PersonDetailDto {
  return {
    ...toSummary(p, stale),
    cccd: p.cccd,
    ethnicity: p.ethnicity,
    address: p.address,
    phone: p.phone,
    receivesPension: p.receivesPension,
    mergedIntoId: p.mergedIntoId,
    source: p.source,
    sourceRef: p.sourceRef,
    createdBy: p.createdBy,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    verifiedAt: p.verifiedAt,
    version: p.version,
    completeness: completeness.score,
    missingFields: completeness.missing,
  };
}

@InputType('RegisterPersonInput')
export class RegisterPersonDto {
  @Field(() => String, { nullable: true })
  @ApiPropertyOptional({ example: '001095012345', maxLength: 12, pattern: CCCD_PATTERN.source })
  @IsOptional()
  @Matches(CCCD_PATTERN, { message: 'cccd must be 12 digits' })
  cccd?: string;

  @Field()
  @ApiProperty({ example: 'Nguyễn Văn An', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  fullName!: string;

  @Field({ description: "'YYYY-MM-DD' or 'YYYY'" })
  @ApiProperty({ example: '1995-04-02', maxLength: 10, pattern: BIRTH_PATTERN.source })
  @Matches(BIRTH_PATTERN)
  birth!: string;

  @Field(() => GenderEnum) @ApiProperty({ enum: GENDERS }) @IsIn(GENDERS) gender!: Gender;

  @Field({ nullable: true })
  @ApiPropertyOptional({ example: 'Kinh', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  ethnicity?: string;

  @Field(() => ID, { nullable: true })
  @ApiPropertyOptional({ format: 'uuid', maxLength: 36 })
  @IsOptional()
  @IsUUID()
  residenceUnitId?: string;

  @Field({ nullable: true })
  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  address?: string;

  @Field({ nullable: true })
  @ApiPropertyOptional({ example: '0912345678', maxLength: 16, pattern: PHONE_PATTERN.source })
  @IsOptional()
  @Matches(PHONE_PATTERN)
  phone?: string;

  @Field({ nullable: true }) @ApiPropertyOptional() @IsOptional() @IsBoolean() receivesPension?: boolean;

  @Field(() => RecordSourceEnum, { nullable: true })
  @ApiPropertyOptional({
    enum: RECORD_SOURCES,
    description: 'Default: MANUAL for staff, IMPORT for API keys',
  })
  @IsOptional()
  @IsIn(RECORD_SOURCES)
  source?: RecordSource;

  @Field({ nullable: true })
  @ApiPropertyOptional({ maxLength: 200, example: 'batch-2026-11-01' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  sourceRef?: string;
}

@InputType('RecordDeathInput')
export class RecordDeathDto {
  @Field()
  @ApiProperty({ example: '2026-03-15', format: 'date', maxLength: 10, pattern: DATE_PATTERN.source })
  @Matches(DATE_PATTERN)
  deathDate!: string;

  @Field(() => RecordSourceEnum)
  @ApiProperty({ enum: RECORD_SOURCES })
  @IsIn(RECORD_SOURCES)
  source!: RecordSource;

  @Field({ nullable: true })
  @ApiPropertyOptional({ maxLength: 200, description: 'e.g. the death-registration dossier code' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  sourceRef?: string;
}

@ArgsType()
export class PersonSearchArgs extends CursorPageArgs {
  @Field({ nullable: true, description: 'Part of the name; diacritics and case are ignored' })
  @IsOptional()
  @IsString()
  @Length(2, 100)
  name?: string;

  @Field({ nullable: true }) @IsOptional() @Matches(CCCD_PATTERN) cccd?: string;

  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(40) householdCode?: string;

  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() unitId?: string;

  @Field({ nullable: true }) @IsOptional() @IsBoolean() includeDeceased?: boolean;
}

export class PersonSearchQuery {
  @ApiPropertyOptional({ maxLength: 100, description: 'Part of the name; diacritics and case are ignored' })
  @IsOptional()
  @IsString()
  @Length(2, 100)
  name?: string;

  @ApiPropertyOptional({ maxLength: 12, pattern: CCCD_PATTERN.source })
  @IsOptional()
  @Matches(CCCD_PATTERN)
  cccd?: string;

  @ApiPropertyOptional({ maxLength: 40 }) @IsOptional() @IsString() @MaxLength(40) householdCode?: string;

  @ApiPropertyOptional({ format: 'uuid', maxLength: 36 }) @IsOptional() @IsUUID() unitId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ maxLength: 500 }) @IsOptional() @IsString() @MaxLength(500) cursor?: string;
}
