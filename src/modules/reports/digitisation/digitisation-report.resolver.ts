import { Args, ArgsType, Field, Query, Resolver } from '@nestjs/graphql';
import { IsIn } from 'class-validator';
import { Roles, Scopes } from 'src/common/auth/auth.decorators';
import { toChart } from 'src/modules/reports/common/report-table';
import {
  DIGITISATION_COLUMNS,
  DIGITISATION_DEFINITIONS,
} from 'src/modules/reports/digitisation/digitisation-report.controller';
import { digitisationTable } from 'src/modules/reports/digitisation/digitisation-report.export';
import { DigitisationReportObject } from 'src/modules/reports/digitisation/digitisation-report.object';
import {
  DigitisationReportService,
  type DigitisationDrillColumn,
} from 'src/modules/reports/digitisation/digitisation-report.service';
import { ReportDrillArgs, ReportFilterArgs } from 'src/modules/reports/filters/report-inputs';
import { DrillPageObject, toDrillPage } from 'src/modules/reports/filters/report-objects';

@ArgsType()
class DigitisationDrillArgs extends ReportDrillArgs {
  @Field(() => String, { description: `The figure: ${DIGITISATION_COLUMNS.join(', ')}` })
  @IsIn(DIGITISATION_COLUMNS)
  column!: DigitisationDrillColumn;
}

@Resolver()
@Roles('ADMIN', 'LEADER', 'REPORT_VIEWER', 'AUDITOR')
@Scopes('reports:read')
export class DigitisationReportResolver {
  constructor(private readonly reports: DigitisationReportService) {}

  @Query(() => DigitisationReportObject, { description: DIGITISATION_DEFINITIONS })
  async digitisationReport(@Args() args: ReportFilterArgs): Promise<DigitisationReportObject> {
    const r = await this.reports.report(args.filter);
    return { ...r, chart: toChart(digitisationTable(r)) };
  }

  @Query(() => DrillPageObject, { description: 'The dossiers or archive files behind one digitisation figure' })
  async digitisationReportRows(@Args() args: DigitisationDrillArgs): Promise<DrillPageObject> {
    return toDrillPage(await this.reports.drillDown(args.filter, args.column, { limit: args.first, cursor: args.after }));
  }
}
