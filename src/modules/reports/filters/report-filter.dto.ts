import { Field, InputType, Int } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDateString, IsIn, IsInt, IsOptional, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';

export const PERIOD_KINDS = ['MONTH', 'QUARTER', 'HALF_YEAR', 'YEAR'] as const;
export const UNIT_ERAS = ['PRE_2025', 'POST_2025'] as const;

/**
 * Filters shared by the catalog, online-share, digitisation and service-index reports, for REST (query string) and
 * GraphQL (input): the period (an official kind/year/index or explicit from/to), a unit (by code; succession-aware),
 * the handling agency (by code) and the field of the procedure.
 */
@InputType('ReportFilterInput')
export class ReportFilterQuery {
  @ApiPropertyOptional({ enum: PERIOD_KINDS, description: 'Official period (Decree 09/2019 art. 12); or give from/to' })
  @Field(() => String, { nullable: true, description: 'MONTH, QUARTER, HALF_YEAR or YEAR; or give from/to' })
  @IsOptional()
  @IsIn(PERIOD_KINDS)
  kind?: (typeof PERIOD_KINDS)[number];

  @ApiPropertyOptional({ minimum: 2000, maximum: 2100, example: 2024 })
  @Field(() => Int, { nullable: true })
  @ValidateIf((q: ReportFilterQuery) => q.kind !== undefined && q.kind !== null)
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 12, description: 'Month 1–12, quarter 1–4, half 1–2; ignored for YEAR' })
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(12)
  index?: number;

  @ApiPropertyOptional({ format: 'date', maxLength: 10, description: 'First day (with to), when no kind is given' })
  @Field(() => String, { nullable: true })
  @ValidateIf((q: ReportFilterQuery) => !q.kind)
  @IsDateString({ strict: true })
  @MaxLength(10)
  from?: string;

  @ApiPropertyOptional({ format: 'date', maxLength: 10, description: 'Last day, inclusive' })
  @Field(() => String, { nullable: true })
  @ValidateIf((q: ReportFilterQuery) => !q.kind)
  @IsDateString({ strict: true })
  @MaxLength(10)
  to?: string;

  @ApiPropertyOptional({
    maxLength: 10,
    pattern: '^[0-9]{2,5}$',
    example: '40',
    description:
      'Administrative unit code; counts the unit, its descendants and the units linked to them by the 2025 ' +
      'succession (both eras). Resolved in unitEra, or else the unit of that code in force on the last day.',
  })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^[0-9]{2,5}$/)
  unitCode?: string;

  @ApiPropertyOptional({ enum: UNIT_ERAS })
  @Field(() => String, { nullable: true, description: 'PRE_2025 or POST_2025' })
  @IsOptional()
  @IsIn(UNIT_ERAS)
  unitEra?: (typeof UNIT_ERAS)[number];

  @ApiPropertyOptional({ maxLength: 35, pattern: '^[A-Z0-9][A-Z0-9.\\-]{0,34}$', description: 'Handling agency code' })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^[A-Z0-9][A-Z0-9.-]{0,34}$/)
  agencyCode?: string;

  @ApiPropertyOptional({ maxLength: 60, pattern: '^[A-Z][A-Z0-9_]{1,59}$', example: 'NGUOI_CO_CONG' })
  @Field(() => String, { nullable: true, description: 'Field (lĩnh vực) code of the procedure' })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_]{1,59}$/)
  fieldCode?: string;
}
