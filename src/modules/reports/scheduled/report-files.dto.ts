import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDateString, IsIn, IsOptional, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { CursorPageArgs, RestPageQuery } from 'src/common/pagination/pagination';
import {
  REPORT_FILE_FORMATS,
  type ReportFileFormat,
} from 'src/modules/reports/scheduled/report-files.service';

const PERIOD_KINDS = ['MONTH', 'QUARTER', 'HALF_YEAR', 'YEAR'] as const;

/** Filters of the report-file list (REST query string and GraphQL input). */
@InputType('ReportFileFilterInput')
export class ReportFileFilterQuery {
  @ApiPropertyOptional({ maxLength: 40, pattern: '^[a-z][a-z0-9-]{1,39}$', example: 'dossier-processing' })
  @Field(() => String, { nullable: true, description: 'Report key, e.g. dossier-processing' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9-]{1,39}$/)
  reportKey?: string;

  @ApiPropertyOptional({ enum: PERIOD_KINDS })
  @Field(() => String, { nullable: true, description: 'MONTH, QUARTER, HALF_YEAR or YEAR' })
  @IsOptional()
  @IsIn(PERIOD_KINDS)
  periodKind?: (typeof PERIOD_KINDS)[number];

  @ApiPropertyOptional({ format: 'date', maxLength: 10, description: 'Periods ending on or after this day' })
  @Field(() => String, { nullable: true, description: 'Periods ending on or after this day' })
  @IsOptional()
  @IsDateString({ strict: true })
  @MaxLength(10)
  from?: string;

  @ApiPropertyOptional({ format: 'date', maxLength: 10, description: 'Periods ending on or before this day' })
  @Field(() => String, { nullable: true, description: 'Periods ending on or before this day' })
  @IsOptional()
  @IsDateString({ strict: true })
  @MaxLength(10)
  to?: string;

  @ApiPropertyOptional({
    maxLength: 35,
    pattern: '^(PROVINCE|[A-Z0-9][A-Z0-9.\\-]{0,34})$',
    description: 'PROVINCE or an agency code',
  })
  @Field(() => String, { nullable: true, description: 'PROVINCE or an agency code' })
  @IsOptional()
  @Matches(/^(PROVINCE|[A-Z0-9][A-Z0-9.-]{0,34})$/)
  scopeKey?: string;

  @ApiPropertyOptional({ enum: REPORT_FILE_FORMATS })
  @Field(() => String, { nullable: true, description: 'XLSX or CSV' })
  @IsOptional()
  @IsIn(REPORT_FILE_FORMATS)
  format?: ReportFileFormat;
}

export class ReportFileListQuery extends IntersectionType(ReportFileFilterQuery, RestPageQuery) {}

@ArgsType()
export class ReportFilesArgs extends CursorPageArgs {
  @Field(() => ReportFileFilterQuery, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReportFileFilterQuery)
  filter?: ReportFileFilterQuery;
}

@ArgsType()
export class ReportFileIdArgs {
  @Field(() => ID)
  @IsUUID()
  id!: string;
}
