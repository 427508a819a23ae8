import { Args, Query, Resolver } from '@nestjs/graphql';
import { Roles, Scopes } from 'src/common/auth/auth.decorators';
import {
  PROCESSING_DEFINITIONS,
  ProcessingDrillDownArgs,
  ProcessingReportArgs,
} from 'src/modules/reports/processing/processing-report.inputs';
import {
  ProcessingDrillPageObject,
  ProcessingReportObject,
  toProcessingReportObject,
} from 'src/modules/reports/processing/processing-report.object';
import { ProcessingReportQueryService } from 'src/modules/reports/processing/processing-report-query.service';

/** Form II.06a over GraphQL: the same roles, scopes and unit scope as the REST controller. */
@Resolver()
@Roles('ADMIN', 'LEADER', 'REPORT_VIEWER', 'AUDITOR')
@Scopes('reports:read')
export class ProcessingReportResolver {
  constructor(private readonly queries: ProcessingReportQueryService) {}

  @Query(() => ProcessingReportObject, {
    description:
      'Form II.06a (dossiers received, resolved and in progress) for a period, with the total, the on-time rate, ' +
      'the consistency check and chart data. A unit or agency outside your scope is refused (OUT_OF_SCOPE). ' +
      PROCESSING_DEFINITIONS,
  })
  async dossierProcessingReport(@Args() args: ProcessingReportArgs): Promise<ProcessingReportObject> {
    const { report, echo } = await this.queries.report(args.filter);
    return toProcessingReportObject(report, echo);
  }

  @Query(() => ProcessingDrillPageObject, {
    description: 'The dossiers behind one figure of Form II.06a, paged by code (first ≤ 500)',
  })
  async dossierProcessingDossiers(@Args() args: ProcessingDrillDownArgs): Promise<ProcessingDrillPageObject> {
    const page = await this.queries.drillDown(args.filter, args.column, {
      limit: args.first,
      cursor: args.after,
    });
    return { items: page.items, endCursor: page.nextCursor, hasNextPage: page.nextCursor !== null };
  }
}
