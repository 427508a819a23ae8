import { ArgsType, Field, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, Min, ValidateIf } from 'class-validator';
import { CursorPageArgs, RestPageQuery } from 'src/common/pagination/pagination';
import { AGENCY_CODE_PATTERN, AGENCY_KINDS, type AgencyKind } from 'src/modules/organisation/entities/agency.entity';

const AgencyKindEnum = Object.fromEntries(AGENCY_KINDS.map((k) => [k, k])) as Record<AgencyKind, AgencyKind>;
registerEnumType(AgencyKindEnum, { name: 'AgencyKind' });
const CODE_DOC = 'Agency electronic ID (Decision 20/2020/QĐ-TTg): A–Z/0–9 groups separated by dots, lowest level first';

@ObjectType('Agency')
export class AgencyDto {
  @Field(() => ID) @ApiProperty({ format: 'uuid', maxLength: 36 }) id!: string;
  @Field() @ApiProperty({ example: '000.00.12.H40', maxLength: 35, pattern: AGENCY_CODE_PATTERN.source }) code!: string;
  @Field() @ApiProperty({ example: 'Sở Nội vụ tỉnh Nghệ An', maxLength: 300 }) name!: string;
  @Field(() => AgencyKindEnum) @ApiProperty({ enum: AGENCY_KINDS }) kind!: AgencyKind;
  @Field(() => ID) @ApiProperty({ format: 'uuid', maxLength: 36 }) unitId!: string;
  @Field(() => ID, { nullable: true })
  @ApiProperty({ format: 'uuid', maxLength: 36, nullable: true, type: String })
  parentId!: string | null;
  @Field() @ApiProperty() active!: boolean;
  @Field(() => Int) @ApiProperty({ description: 'Send it back on update (optimistic locking)' }) version!: number;
  @Field(() => GraphQLISODateTime) @ApiProperty({ format: 'date-time', maxLength: 40 }) createdAt!: Date;
  @Field(() => GraphQLISODateTime) @ApiProperty({ format: 'date-time', maxLength: 40 }) updatedAt!: Date;
}

@ObjectType('AgencyPage')
export class AgencyPageDto {
  @Field(() => [AgencyDto]) @ApiProperty({ type: [AgencyDto], maxItems: 500 }) items!: AgencyDto[];
  @Field(() => String, { nullable: true })
  @ApiProperty({ type: String, nullable: true, maxLength: 500 })
  nextCursor!: string | null;
}

@InputType('CreateAgencyInput')
export class CreateAgencyDto {
  @Field() @ApiProperty({ example: '000.16702.H40', maxLength: 35, pattern: AGENCY_CODE_PATTERN.source, description: CODE_DOC })
  @Length(1, 35) @Matches(AGENCY_CODE_PATTERN)
  code!: string;

  @Field() @ApiProperty({ example: 'Ủy ban nhân dân phường Vinh Phú', maxLength: 300 })
  @IsString() @Length(1, 300)
  name!: string;

  @Field(() => AgencyKindEnum) @ApiProperty({ enum: AGENCY_KINDS }) @IsIn(AGENCY_KINDS) kind!: AgencyKind;

  @Field(() => ID) @ApiProperty({ format: 'uuid', maxLength: 36, description: 'Administrative unit served' })
  @IsUUID()
  unitId!: string;

  @Field(() => ID, { nullable: true }) @ApiPropertyOptional({ format: 'uuid', maxLength: 36 })
  @IsOptional() @IsUUID()
  parentId?: string;
}

@InputType('UpdateAgencyInput')
export class UpdateAgencyDto {
  @Field(() => Int) @ApiProperty({ minimum: 1 }) @IsInt() @Min(1) version!: number;
  @Field({ nullable: true }) @ApiPropertyOptional({ maxLength: 300 }) @IsOptional() @IsString() @Length(1, 300) name?: string;
  @Field(() => AgencyKindEnum, { nullable: true }) @ApiPropertyOptional({ enum: AGENCY_KINDS })
  @IsOptional() @IsIn(AGENCY_KINDS)
  kind?: AgencyKind;
  @Field(() => ID, { nullable: true }) @ApiPropertyOptional({ format: 'uuid', maxLength: 36 }) @IsOptional() @IsUUID() unitId?: string;
  @Field(() => ID, { nullable: true })
  @ApiPropertyOptional({ format: 'uuid', maxLength: 36, nullable: true, type: String, description: 'null detaches' })
  @ValidateIf((_, v) => v !== null) @IsOptional() @IsUUID()
  parentId?: string | null;
  @Field({ nullable: true }) @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
}

export class AgencyQuery extends RestPageQuery {
  @ApiPropertyOptional({ maxLength: 100, description: 'Name (accents optional) or exact code' })
  @IsOptional() @IsString() @MaxLength(100)
  q?: string;
  @ApiPropertyOptional({ enum: AGENCY_KINDS }) @IsOptional() @IsIn(AGENCY_KINDS) kind?: AgencyKind;
  @ApiPropertyOptional({ format: 'uuid', maxLength: 36 }) @IsOptional() @IsUUID() unitId?: string;
}

@ArgsType()
export class AgencyArgs extends CursorPageArgs {
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(100) q?: string;
  @Field(() => AgencyKindEnum, { nullable: true }) @IsOptional() @IsIn(AGENCY_KINDS) kind?: AgencyKind;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() unitId?: string;
}

