import { ArgsType, Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { CursorPageArgs, RestPageQuery } from 'src/common/pagination/pagination';
import { UNIT_ERAS, UNIT_LEVELS, type UnitEra, type UnitLevel } from 'src/modules/organisation/entities/admin-unit.entity';

const UnitEraEnum = { PRE_2025: 'PRE_2025', POST_2025: 'POST_2025' } as const;
const UnitLevelEnum = { PROVINCE: 'PROVINCE', DISTRICT: 'DISTRICT', COMMUNE: 'COMMUNE' } as const;
const CoverageEnum = { FULL: 'FULL', PARTIAL: 'PARTIAL' } as const;
registerEnumType(UnitEraEnum, { name: 'UnitEra', description: 'Before (PRE_2025) or from (POST_2025) 1 July 2025' });
registerEnumType(UnitLevelEnum, { name: 'UnitLevel' });
registerEnumType(CoverageEnum, { name: 'SuccessionCoverage' });

@ObjectType('AdminUnit', { description: 'An administrative unit of one era (codes are unique per era only)' })
export class AdminUnitDto {
  @Field(() => ID) @ApiProperty({ format: 'uuid', maxLength: 36 }) id!: string;
  @Field(() => UnitEraEnum) @ApiProperty({ enum: UNIT_ERAS }) era!: UnitEra;
  @Field() @ApiProperty({ example: '17965', maxLength: 5, pattern: '^[0-9]{2,5}$' }) code!: string;
  @Field(() => UnitLevelEnum) @ApiProperty({ enum: UNIT_LEVELS }) level!: UnitLevel;
  @Field() @ApiProperty({ example: 'Phường Trường Vinh', maxLength: 200 }) name!: string;
  @Field() @ApiProperty({ example: 'Trường Vinh', maxLength: 200 }) shortName!: string;
  @Field() @ApiProperty({ example: 'phường', maxLength: 40 }) unitType!: string;
  @Field(() => ID, { nullable: true })
  @ApiProperty({ format: 'uuid', nullable: true, type: String, maxLength: 36 })
  parentId!: string | null;
  @Field() @ApiProperty({ format: 'date', example: '2025-07-01', maxLength: 10 }) validFrom!: string;
  @Field(() => String, { nullable: true })
  @ApiProperty({ format: 'date', nullable: true, type: String, maxLength: 10 })
  validTo!: string | null;
}

@ObjectType('SuccessionLink')
export class SuccessionLinkDto {
  @Field(() => AdminUnitDto) @ApiProperty({ type: AdminUnitDto }) unit!: AdminUnitDto;
  @Field(() => CoverageEnum) @ApiProperty({ enum: ['FULL', 'PARTIAL'] }) coverage!: 'FULL' | 'PARTIAL';
  @Field() @ApiProperty({ format: 'date', maxLength: 10 }) effectiveFrom!: string;
}

export class AdminUnitDetailDto extends AdminUnitDto {
  @ApiProperty({ type: [SuccessionLinkDto], maxItems: 1000, description: 'New units this unit went into' })
  successors!: SuccessionLinkDto[];
  @ApiProperty({ type: [SuccessionLinkDto], maxItems: 1000, description: 'Old units that went into this unit' })
  predecessors!: SuccessionLinkDto[];
}

@ObjectType('AdminUnitPage')
export class AdminUnitPageDto {
  @Field(() => [AdminUnitDto]) @ApiProperty({ type: [AdminUnitDto], maxItems: 500 }) items!: AdminUnitDto[];
  @Field(() => String, { nullable: true })
  @ApiProperty({ type: String, nullable: true, maxLength: 500 })
  nextCursor!: string | null;
}

export class AdminUnitQuery extends RestPageQuery {
  @ApiPropertyOptional({ enum: UNIT_ERAS }) @IsOptional() @IsIn(UNIT_ERAS) era?: UnitEra;
  @ApiPropertyOptional({ enum: UNIT_LEVELS }) @IsOptional() @IsIn(UNIT_LEVELS) level?: UnitLevel;
  @ApiPropertyOptional({ format: 'uuid', maxLength: 36 }) @IsOptional() @IsUUID() parentId?: string;
  @ApiPropertyOptional({
    format: 'date',
    maxLength: 10,
    description: 'Only units in force on this date (old structure up to 2025-06-30, new from 2025-07-01)',
  })
  @IsOptional()
  @IsDateString({ strict: true })
  @MaxLength(10)
  asOf?: string;
  @ApiPropertyOptional({ maxLength: 5, pattern: '^[0-9]{2,5}$' })
  @IsOptional()
  @Matches(/^[0-9]{2,5}$/)
  code?: string;
  @ApiPropertyOptional({ maxLength: 100, description: 'Name search, accents optional' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

@ArgsType()
export class AdminUnitArgs extends CursorPageArgs {
  @Field(() => UnitEraEnum, { nullable: true }) @IsOptional() @IsIn(UNIT_ERAS) era?: UnitEra;
  @Field(() => UnitLevelEnum, { nullable: true }) @IsOptional() @IsIn(UNIT_LEVELS) level?: UnitLevel;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() parentId?: string;
  @Field({ nullable: true, description: 'Only units in force on this date (YYYY-MM-DD)' })
  @IsOptional()
  @IsDateString({ strict: true })
  @MaxLength(10)
  asOf?: string;
  @Field({ nullable: true }) @IsOptional() @Matches(/^[0-9]{2,5}$/) code?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(100) q?: string;
}
