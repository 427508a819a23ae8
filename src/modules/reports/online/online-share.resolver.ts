import { Args, ArgsType, Field, Query, Resolver } from '@nestjs/graphql';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { Roles, Scopes } from 'src/common/auth/auth.decorators';
import { toChart } from 'src/modules/reports/common/report-table';
import { ReportDrillArgs, ReportFilterArgs } from 'src/modules/reports/filters/report-inputs';
import { DrillPageObject, toDrillPage } from 'src/modules/reports/filters/report-objects';
import { ONLINE_SHARE_DEFINITIONS } from 'src/modules/reports/online/online-share.controller';
import { onlineShareTable } from 'src/modules/reports/online/online-share.export';
import { OnlineShareReportObject } from 'src/modules/reports/online/online-share.object';
import { OnlineShareService } from 'src/modules/reports/online/online-share.service';
import { ONLINE_DRILL_FILTERS, type OnlineDrillColumn } from 'src/modules/reports/online/online-share.sql';

const COLUMNS = Object.keys(ONLINE_DRILL_FILTERS) as OnlineDrillColumn[];

@ArgsType()
class OnlineDrillArgs extends ReportDrillArgs {
  @Field(() => String, { description: `The figure: ${COLUMNS.join(', ')}` })
  @IsIn(COLUMNS)
  column!: OnlineDrillColumn;

  @Field(() => String, { nullable: true, description: 'Only this procedure' })
  @IsOptional()
  @Matches(/^[0-9A-Z.-]{1,40}$/)
  procedureCode?: string;
}

@Resolver()
@Roles('ADMIN', 'LEADER', 'REPORT_VIEWER', 'AUDITOR')
@Scopes('reports:read')
export class OnlineShareResolver {
  constructor(private readonly reports: OnlineShareService) {}

  @Query(() => OnlineShareReportObject, { description: ONLINE_SHARE_DEFINITIONS })
  async onlineShareReport(@Args() args: ReportFilterArgs): Promise<OnlineShareReportObject> {
    const r = await this.reports.report(args.filter);
    return { ...r, chart: toChart(onlineShareTable(r)) };
  }

  @Query(() => DrillPageObject, { description: 'The dossiers behind one online-share figure, paged by code' })
  async onlineShareDossiers(@Args() args: OnlineDrillArgs): Promise<DrillPageObject> {
    return toDrillPage(
      await this.reports.drillDown(args.filter, args.column, {
        procedureCode: args.procedureCode,
        limit: args.first,
        cursor: args.after,
      }),
    );
  }
}
