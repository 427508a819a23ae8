import { ArgsType, Field, ID, IntersectionType as GraphIntersection } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsDateString, IsIn, IsOptional, IsUUID } from 'class-validator';
import { CursorPageArgs, RestPageQuery } from 'src/common/pagination/pagination';
import { COVERAGE_GROUPS, type CoverageGroup } from 'src/modules/benefits/statistics/payment-statistics.service';
import { COVERAGE_FIGURES, type CoverageFigureName } from 'src/modules/reports/payments/payments-report.sql';
import { PeriodQuery } from 'src/modules/reports/processing/processing-report.dto';
import { StatusReportQuery, UnitFilterQuery } from 'src/modules/reports/registries/registries-report.dto';

/** Coverage on a date: the same query as the registry status reports (date + unit). */
export class CoverageQuery extends StatusReportQuery {}

@ArgsType()
export class CoverageFigureQuery extends StatusReportQuery {
  @ApiProperty({ enum: COVERAGE_FIGURES })
  @Field(() => String, { description: 'eligible, withAccount or withoutAccount' })
  @IsIn(COVERAGE_FIGURES)
  figure!: CoverageFigureName;

  @ApiPropertyOptional({ enum: COVERAGE_GROUPS, description: 'One group (all groups, each person once, if omitted)' })
  @Field(() => String, { nullable: true, description: 'POOR_HOUSEHOLD, MERIT or SOCIAL_PROTECTION' })
  @IsOptional()
  @IsIn(COVERAGE_GROUPS)
  group?: CoverageGroup;

  @ApiPropertyOptional({ format: 'uuid', maxLength: 36 })
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  reportUnitId?: string;
}

export class CoverageDrillDownQuery extends IntersectionType(CoverageFigureQuery, RestPageQuery) {}

@ArgsType()
export class CoverageDrillDownArgs extends GraphIntersection(CoverageFigureQuery, CursorPageArgs, ArgsType) {}

/** A period (official kind/year/index or from/to) and the unit filter. */
export class PaidQuery extends IntersectionType(PeriodQuery, UnitFilterQuery) {}

class ReportUnitQuery {
  @ApiPropertyOptional({ format: 'uuid', maxLength: 36 })
  @IsOptional()
  @IsUUID()
  reportUnitId?: string;
}

export class PaidDrillDownQuery extends IntersectionType(PaidQuery, ReportUnitQuery, RestPageQuery) {}

/** GraphQL: paid through accounts in [from, to] (dates). */
@ArgsType()
export class PaidArgs extends UnitFilterQuery {
  @Field({ description: 'First day of the period, YYYY-MM-DD' })
  @IsDateString({ strict: true })
  from!: string;

  @Field({ description: 'Last day of the period, YYYY-MM-DD' })
  @IsDateString({ strict: true })
  to!: string;

  @Field(() => ID, { nullable: true, description: 'Drill-down: only this report unit' })
  @IsOptional()
  @IsUUID()
  reportUnitId?: string;
}

@ArgsType()
export class PaidDrillDownArgs extends GraphIntersection(PaidArgs, CursorPageArgs, ArgsType) {}
