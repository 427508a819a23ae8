import { ArgsType, Field } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ValidateNested } from 'class-validator';
import { CursorPageArgs } from 'src/common/pagination/pagination';
import { ReportFilterQuery } from 'src/modules/reports/filters/report-filter.dto';

/** GraphQL arguments of a report query: `filter`. */
@ArgsType()
export class ReportFilterArgs {
  @Field(() => ReportFilterQuery)
  @ValidateNested()
  @Type(() => ReportFilterQuery)
  filter!: ReportFilterQuery;
}

/** GraphQL arguments of a drill-down: `filter`, `first`, `after` (the figure is added by each report). */
@ArgsType()
export class ReportDrillArgs extends CursorPageArgs {
  @Field(() => ReportFilterQuery)
  @ValidateNested()
  @Type(() => ReportFilterQuery)
  filter!: ReportFilterQuery;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_TYPE = 'text/csv; charset=utf-8';
