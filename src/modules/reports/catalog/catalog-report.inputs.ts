import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, Matches, ValidateNested } from 'class-validator';
import { CursorPageArgs, RestPageQuery } from 'src/common/pagination/pagination';
import { DECISION_ACTIONS, type DecisionActionKey } from 'src/modules/reports/catalog/catalog-figures';
import { CATALOG_DIMENSIONS, type CatalogDimension } from 'src/modules/reports/catalog/catalog-report.sql';
import { ReportFilterQuery } from 'src/modules/reports/filters/report-filter.dto';

export const PROCEDURE_LEVELS = ['CENTRAL', 'PROVINCE', 'DISTRICT', 'COMMUNE', 'OTHER'] as const;
export const LEVEL_GROUPS = [...PROCEDURE_LEVELS, 'MULTI_LEVEL', 'NOT_STATED'] as const;
export const DIMENSIONS = Object.keys(CATALOG_DIMENSIONS) as CatalogDimension[];

/** Catalog filters: the shared report filters and the procedure level (one of the version's levels). */
@InputType('CatalogReportInput')
export class CatalogReportQuery extends ReportFilterQuery {
  @ApiPropertyOptional({ enum: PROCEDURE_LEVELS, description: 'Only procedures (and decision items) at this level' })
  @Field(() => String, { nullable: true, description: 'CENTRAL, PROVINCE, DISTRICT, COMMUNE or OTHER' })
  @IsOptional()
  @IsIn(PROCEDURE_LEVELS)
  level?: (typeof PROCEDURE_LEVELS)[number];
}

class ProcedureGroupQuery {
  @ApiProperty({ enum: DIMENSIONS, description: 'Breakdown of the figure: all, level, field, onlineMode, legacyLevel' })
  @IsIn(DIMENSIONS)
  dimension!: CatalogDimension;

  @ApiPropertyOptional({
    maxLength: 60,
    pattern: '^[A-Z0-9_]{1,60}$',
    description: 'The group (a level group, field code, FULL/PARTIAL/NONE/NOT_STATED, 1–4/NOT_STATED)',
  })
  @IsOptional()
  @Matches(/^[A-Z0-9_]{1,60}$/)
  key?: string;
}

export class CatalogProceduresQuery extends IntersectionType(CatalogReportQuery, ProcedureGroupQuery, RestPageQuery) {}

class DecisionGroupQuery {
  @ApiPropertyOptional({ enum: DECISION_ACTIONS })
  @IsOptional()
  @IsIn(DECISION_ACTIONS)
  action?: DecisionActionKey;

  @ApiPropertyOptional({ enum: LEVEL_GROUPS, description: 'Exclusive level group of the item' })
  @IsOptional()
  @IsIn(LEVEL_GROUPS)
  levelGroup?: string;
}

export class CatalogDecisionItemsQuery extends IntersectionType(CatalogReportQuery, DecisionGroupQuery, RestPageQuery) {}

@ArgsType()
export class CatalogReportArgs {
  @Field(() => CatalogReportQuery)
  @ValidateNested()
  @Type(() => CatalogReportQuery)
  filter!: CatalogReportQuery;
}

@ArgsType()
export class CatalogProceduresArgs extends CursorPageArgs {
  @Field(() => CatalogReportQuery)
  @ValidateNested()
  @Type(() => CatalogReportQuery)
  filter!: CatalogReportQuery;

  @Field(() => String, { description: `Breakdown: ${DIMENSIONS.join(', ')}` })
  @IsIn(DIMENSIONS)
  dimension!: CatalogDimension;

  @Field(() => String, { nullable: true, description: 'The group of the breakdown (not needed for all)' })
  @IsOptional()
  @Matches(/^[A-Z0-9_]{1,60}$/)
  key?: string;
}

@ArgsType()
export class CatalogDecisionItemsArgs extends CursorPageArgs {
  @Field(() => CatalogReportQuery)
  @ValidateNested()
  @Type(() => CatalogReportQuery)
  filter!: CatalogReportQuery;

  @Field(() => String, { nullable: true, description: 'NEW, AMENDED, REPLACED or ABOLISHED' })
  @IsOptional()
  @IsIn(DECISION_ACTIONS)
  action?: DecisionActionKey;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsIn(LEVEL_GROUPS)
  levelGroup?: string;
}
