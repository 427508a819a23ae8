import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, Matches, MaxLength, ValidateNested } from 'class-validator';
import { CursorPageArgs, RestPageQuery } from 'src/common/pagination/pagination';
import { ReportFilterQuery } from 'src/modules/reports/filters/report-filter.dto';
import { HANDLING_LEVELS } from 'src/modules/reports/processing/processing-report.filters';
import {
  DRILL_DOWN_FILTERS,
  type DrillDownColumn,
} from 'src/modules/reports/processing/processing-report.sql';

const PROCEDURE_CODE = /^([0-9]\.[0-9]{6}|[A-Z]{2,10}(-[A-Z0-9]{1,10}){1,3})$/;
/** The form's published definitions (README repeats them); the REST and GraphQL docs show them. */
export const PROCESSING_DEFINITIONS =
  'Definitions: a dossier counts in a period if received (counting start) on or before its last day and not ended before ' +
  'its first day. Carried over = received before the period and still open at its start. Ended = decision date for ' +
  'approved/rejected dossiers (not the return date), or the date it was returned or withdrawn. Timeliness follows ' +
  'Decision 766: more than one supplement request is late; otherwise early / on time / late against the due date, which ' +
  'already includes the working days paused for supplements and any extension. In progress at the end of the period is ' +
  'within time if the due date is not past or the clock is stopped waiting for the applicant. A dossier transferred ' +
  'between levels is counted once, at the level handling it.';

export const DRILL_DOWN_COLUMNS = Object.keys(DRILL_DOWN_FILTERS) as DrillDownColumn[];

/**
 * Form II.06a filters (REST query string and GraphQL input): the shared report filters (period, succession-aware
 * unit, agency, field) plus the procedure and the handling level.
 */
@InputType('DossierProcessingReportInput')
export class ProcessingReportQuery extends ReportFilterQuery {
  @ApiPropertyOptional({
    maxLength: 40,
    pattern: PROCEDURE_CODE.source,
    example: '1.001776',
    description: 'Procedure code (national or local)',
  })
  @Field(() => String, { nullable: true, description: 'Procedure code (national or local)' })
  @IsOptional()
  @MaxLength(40)
  @Matches(PROCEDURE_CODE)
  procedureCode?: string;

  @ApiPropertyOptional({ enum: HANDLING_LEVELS, description: 'Handling level' })
  @Field(() => String, { nullable: true, description: 'Handling level: PROVINCE, DISTRICT or COMMUNE' })
  @IsOptional()
  @IsIn(HANDLING_LEVELS)
  level?: (typeof HANDLING_LEVELS)[number];
}

class DrillDownColumnQuery {
  @ApiProperty({ enum: DRILL_DOWN_COLUMNS, description: 'The figure whose dossiers to list' })
  @IsIn(DRILL_DOWN_COLUMNS)
  column!: DrillDownColumn;
}

/** REST drill-down: the filters, the figure and the page. */
export class ProcessingDrillDownQuery extends IntersectionType(
  ProcessingReportQuery,
  DrillDownColumnQuery,
  RestPageQuery,
) {}

@ArgsType()
export class ProcessingReportArgs {
  @Field(() => ProcessingReportQuery)
  @ValidateNested()
  @Type(() => ProcessingReportQuery)
  filter!: ProcessingReportQuery;
}

@ArgsType()
export class ProcessingDrillDownArgs extends CursorPageArgs {
  @Field(() => ProcessingReportQuery)
  @ValidateNested()
  @Type(() => ProcessingReportQuery)
  filter!: ProcessingReportQuery;

  @Field(() => String, { description: `The figure whose dossiers to list: ${DRILL_DOWN_COLUMNS.join(', ')}` })
  @IsIn(DRILL_DOWN_COLUMNS)
  column!: DrillDownColumn;
}
