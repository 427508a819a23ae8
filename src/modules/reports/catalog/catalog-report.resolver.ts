import { Args, Query, Resolver } from '@nestjs/graphql';
import { Roles, Scopes } from 'src/common/auth/auth.decorators';
import { CATALOG_DEFINITIONS } from 'src/modules/reports/catalog/catalog-report.controller';
import { catalogTable } from 'src/modules/reports/catalog/catalog-report.export';
import {
  CatalogDecisionItemsArgs,
  CatalogProceduresArgs,
  CatalogReportArgs,
} from 'src/modules/reports/catalog/catalog-report.inputs';
import { CatalogReportObject } from 'src/modules/reports/catalog/catalog-report.object';
import { CatalogReportService } from 'src/modules/reports/catalog/catalog-report.service';
import { toChart } from 'src/modules/reports/common/report-table';
import { DrillPageObject, toDrillPage } from 'src/modules/reports/filters/report-objects';

@Resolver()
@Roles('ADMIN', 'LEADER', 'REPORT_VIEWER', 'AUDITOR')
@Scopes('reports:read')
export class CatalogReportResolver {
  constructor(private readonly reports: CatalogReportService) {}

  @Query(() => CatalogReportObject, { description: CATALOG_DEFINITIONS })
  async catalogReport(@Args() args: CatalogReportArgs): Promise<CatalogReportObject> {
    const { level, ...filter } = args.filter;
    const r = await this.reports.report(filter, level ?? null);
    return { ...r, chart: toChart(catalogTable(r)) };
  }

  @Query(() => DrillPageObject, { description: 'Procedures in force behind one group of a catalog breakdown' })
  async catalogReportProcedures(@Args() args: CatalogProceduresArgs): Promise<DrillPageObject> {
    const { level, ...filter } = args.filter;
    return toDrillPage(
      await this.reports.procedures(filter, args.dimension, args.key ?? null, { level, limit: args.first, cursor: args.after }),
    );
  }

  @Query(() => DrillPageObject, { description: 'Procedures changed by the decisions of the period' })
  async catalogReportDecisionItems(@Args() args: CatalogDecisionItemsArgs): Promise<DrillPageObject> {
    const { level, ...filter } = args.filter;
    return toDrillPage(
      await this.reports.decisionItems(filter, args.action ?? null, args.levelGroup ?? null, {
        level,
        limit: args.first,
        cursor: args.after,
      }),
    );
  }
}
