import { Args, Query, Resolver } from '@nestjs/graphql';
import { Roles, Scopes } from 'src/common/auth/auth.decorators';
import { toChart } from 'src/modules/reports/common/report-table';
import {
  PovertyDrillDownArgs,
  PovertyReportQuery,
  StatusDrillDownArgs,
  StatusReportQuery,
} from 'src/modules/reports/registries/registries-report.dto';
import { povertyTable, statusTable } from 'src/modules/reports/registries/registries-report.export';
import {
  PovertyHouseholdPageObject,
  PovertyReportObject,
  StatusPersonPageObject,
  StatusReportObject,
  toGraphPage,
} from 'src/modules/reports/registries/registries-report.object';
import { RegistriesReportService } from 'src/modules/reports/registries/registries-report.service';
import type { StatusReportKind } from 'src/modules/reports/registries/status-report.sql';

/** GraphQL over the registry reports; the same figures, drill-downs and chart data as REST. */
@Resolver()
@Roles('ADMIN', 'LEADER', 'REPORT_VIEWER', 'AUDITOR')
@Scopes('reports:read')
export class RegistriesReportResolver {
  constructor(private readonly reports: RegistriesReportService) {}

  @Query(() => PovertyReportObject, { description: 'Households by poverty class per unit and year, entries and exits' })
  async povertyReport(@Args() q: PovertyReportQuery): Promise<PovertyReportObject> {
    const report = await this.reports.poverty(q);
    return { ...report, chart: toChart(povertyTable(report)) };
  }

  @Query(() => PovertyHouseholdPageObject, { description: 'The households behind one poverty figure' })
  async povertyReportHouseholds(@Args() q: PovertyDrillDownArgs): Promise<PovertyHouseholdPageObject> {
    return toGraphPage(await this.reports.povertyHouseholds(q, { limit: q.first, cursor: q.after }));
  }

  @Query(() => StatusReportObject, { description: 'Meritorious people and relatives by category and unit on a date' })
  meritoriousReport(@Args() q: StatusReportQuery): Promise<StatusReportObject> {
    return this.statusReport('MERIT', q);
  }

  @Query(() => StatusPersonPageObject, { description: 'The people behind one meritorious figure' })
  async meritoriousReportPeople(@Args() q: StatusDrillDownArgs): Promise<StatusPersonPageObject> {
    return toGraphPage(await this.reports.statusPeople({ ...q, kind: 'MERIT' }, { limit: q.first, cursor: q.after }));
  }

  @Query(() => StatusReportObject, { description: 'Social-protection subjects by group and unit on a date' })
  socialProtectionReport(@Args() q: StatusReportQuery): Promise<StatusReportObject> {
    return this.statusReport('SOCIAL_PROTECTION', q);
  }

  @Query(() => StatusPersonPageObject, { description: 'The people behind one social-protection figure' })
  async socialProtectionReportPeople(
    @Args() q: StatusDrillDownArgs): Promise<StatusPersonPageObject> {
    return toGraphPage(await this.reports.statusPeople({ ...q, kind: 'SOCIAL_PROTECTION' }, { limit: q.first, cursor: q.after }));
  }

  private async statusReport(kind: StatusReportKind, q: StatusReportQuery): Promise<StatusReportObject> {
    const report = await this.reports.statuses({ ...q, kind });
    return { ...report, chart: toChart(statusTable(report)) };
  }
}
