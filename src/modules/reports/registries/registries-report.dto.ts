import { ArgsType, Field, ID, Int, IntersectionType as GraphIntersection } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDateString, IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { CursorPageArgs, RestPageQuery } from 'src/common/pagination/pagination';
import { UNIT_ERAS, type UnitEra } from 'src/modules/organisation/entities/admin-unit.entity';
import { LISTED_POVERTY_CLASSES, type ListedPovertyClass } from 'src/modules/reports/registries/poverty-flow';
import { POVERTY_FIGURES, type PovertyFigure } from 'src/modules/reports/registries/poverty-report.sql';
import { STATUS_FIGURES, type StatusFigure } from 'src/modules/reports/registries/status-report.sql';

const UNIT_CODE = /^[0-9]{2,5}$/;
const CATEGORY = /^[A-Z0-9_+]{1,60}$/;

export const UNIT_FILTER_DOC =
  'Unit (succession-aware): records filed under pre-2025 units roll up into their successors; asking for a unit ' +
  'answers for its territory in its own era (a pre-2025 commune gets its records and later ones folded back into it). ' +
  'Without unitEra, the unit of that code in force on the report date.';

/** The unit filter, REST and GraphQL. */
@ArgsType()
export class UnitFilterQuery {
  @ApiPropertyOptional({ description: UNIT_FILTER_DOC, pattern: UNIT_CODE.source, maxLength: 5, example: '17236' })
  @Field(() => String, { nullable: true, description: UNIT_FILTER_DOC })
  @IsOptional()
  @Matches(UNIT_CODE)
  unitCode?: string;

  @ApiPropertyOptional({ enum: UNIT_ERAS, description: 'The era of unitCode (codes are unique per era only)' })
  @Field(() => String, { nullable: true, description: 'PRE_2025 or POST_2025' })
  @IsOptional()
  @IsIn(UNIT_ERAS)
  unitEra?: UnitEra;
}

@ArgsType()
export class PovertyReportQuery extends UnitFilterQuery {
  @ApiProperty({ minimum: 2016, maximum: 2100, example: 2025, description: 'Figures on 31 December of the year and of the year before' })
  @Field(() => Int)
  @Type(() => Number)
  @IsInt()
  @Min(2016)
  @Max(2100)
  year!: number;
}

/** One figure of the poverty report (GraphQL: with CursorPageArgs). */
@ArgsType()
export class PovertyFigureQuery extends PovertyReportQuery {
  @ApiProperty({ enum: LISTED_POVERTY_CLASSES })
  @Field(() => String, { description: 'POOR, NEAR_POOR or AVERAGE_LIVING_STANDARD' })
  @IsIn(LISTED_POVERTY_CLASSES)
  class!: ListedPovertyClass;

  @ApiProperty({ enum: POVERTY_FIGURES, description: 'previous, current, entries or exits' })
  @Field(() => String, { description: 'previous, current, entries or exits' })
  @IsIn(POVERTY_FIGURES)
  figure!: PovertyFigure;

  @ApiPropertyOptional({ format: 'uuid', maxLength: 36, description: 'Only the rows of this report unit (a row of the report)' })
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  reportUnitId?: string;
}

export class PovertyDrillDownQuery extends IntersectionType(PovertyFigureQuery, RestPageQuery) {}

@ArgsType()
export class PovertyDrillDownArgs extends GraphIntersection(PovertyFigureQuery, CursorPageArgs, ArgsType) {}

@ArgsType()
export class StatusReportQuery extends UnitFilterQuery {
  @ApiProperty({ format: 'date', maxLength: 10, example: '2025-12-31' })
  @Field({ description: 'YYYY-MM-DD' })
  @IsDateString({ strict: true })
  date!: string;
}

/** One figure of a status report (GraphQL: with CursorPageArgs). */
@ArgsType()
export class StatusFigureQuery extends StatusReportQuery {
  @ApiProperty({ enum: STATUS_FIGURES, description: 'subjects (meritorious people / social-protection subjects) or relatives' })
  @Field(() => String, { description: 'subjects or relatives' })
  @IsIn(STATUS_FIGURES)
  figure!: StatusFigure;

  @ApiPropertyOptional({ pattern: CATEGORY.source, maxLength: 60, description: 'A category of the report (all if omitted)' })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(CATEGORY)
  category?: string;

  @ApiPropertyOptional({ format: 'uuid', maxLength: 36 })
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  reportUnitId?: string;
}

export class StatusDrillDownQuery extends IntersectionType(StatusFigureQuery, RestPageQuery) {}

@ArgsType()
export class StatusDrillDownArgs extends GraphIntersection(StatusFigureQuery, CursorPageArgs, ArgsType) {}
