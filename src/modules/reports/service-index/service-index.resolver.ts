import { Args, ArgsType, Field, Query, Resolver } from '@nestjs/graphql';
import { IsIn } from 'class-validator';
import { Roles, Scopes } from 'src/common/auth/auth.decorators';
import { toChart } from 'src/modules/reports/common/report-table';
import { ReportDrillArgs, ReportFilterArgs } from 'src/modules/reports/filters/report-inputs';
import { DrillPageObject, toDrillPage } from 'src/modules/reports/filters/report-objects';
import { SERVICE_INDEX_DEFINITIONS } from 'src/modules/reports/service-index/service-index.controller';
import { serviceIndexTable } from 'src/modules/reports/service-index/service-index.export';
import { ServiceIndexReportObject } from 'src/modules/reports/service-index/service-index.object';
import {
  INDEX_INDICATORS,
  INDEX_PARTS,
  ServiceIndexService,
  type IndexIndicator,
  type IndexPart,
} from 'src/modules/reports/service-index/service-index.service';

@ArgsType()
class ServiceIndexDrillArgs extends ReportDrillArgs {
  @Field(() => String, { description: `Sub-indicator: ${INDEX_INDICATORS.join(', ')}` })
  @IsIn(INDEX_INDICATORS)
  indicator!: IndexIndicator;

  @Field(() => String, { description: 'numerator or denominator' })
  @IsIn(INDEX_PARTS)
  part!: IndexPart;
}

@Resolver()
@Roles('ADMIN', 'LEADER', 'REPORT_VIEWER', 'AUDITOR')
@Scopes('reports:read')
export class ServiceIndexResolver {
  constructor(private readonly reports: ServiceIndexService) {}

  @Query(() => ServiceIndexReportObject, { description: SERVICE_INDEX_DEFINITIONS })
  async serviceIndexReport(@Args() args: ReportFilterArgs): Promise<ServiceIndexReportObject> {
    const r = await this.reports.report(args.filter);
    return {
      ...r,
      groupNames: Object.entries(r.groupNames).map(([group, n]) => ({ group, ...n })),
      chart: toChart(serviceIndexTable(r)),
    };
  }

  @Query(() => DrillPageObject, { description: 'Rows behind a sub-indicator for one agency (filter.agencyCode required)' })
  async serviceIndexRows(@Args() args: ServiceIndexDrillArgs): Promise<DrillPageObject> {
    return toDrillPage(
      await this.reports.drillDown(args.filter, args.indicator, args.part, { limit: args.first, cursor: args.after }),
    );
  }
}
