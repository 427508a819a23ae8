import { Args, Query, Resolver } from '@nestjs/graphql';
import { Roles, Scopes } from 'src/common/auth/auth.decorators';
import {
  ReportFileContentObject,
  ReportFileObject,
  ReportFilePageObject,
  toReportFileObject,
} from 'src/modules/reports/scheduled/report-file.object';
import { ReportFileIdArgs, ReportFilesArgs } from 'src/modules/reports/scheduled/report-files.dto';
import { ReportFilesService } from 'src/modules/reports/scheduled/report-files.service';

/** Scheduled report files over GraphQL: same roles and unit scope as the REST routes. */
@Resolver()
@Roles('ADMIN', 'LEADER', 'REPORT_VIEWER', 'AUDITOR')
@Scopes('reports:read')
export class ReportFilesResolver {
  constructor(private readonly files: ReportFilesService) {}

  @Query(() => ReportFilePageObject, {
    description: 'Scheduled report files you may read, newest period first',
  })
  async reportFiles(@Args() args: ReportFilesArgs): Promise<ReportFilePageObject> {
    const page = await this.files.list(args.filter ?? {}, { limit: args.first, cursor: args.after });
    return {
      items: page.items.map(toReportFileObject),
      endCursor: page.nextCursor,
      hasNextPage: page.nextCursor !== null,
    };
  }

  @Query(() => ReportFileObject, {
    description: 'One report file (REPORT_FILE_NOT_FOUND outside your scope)',
  })
  async reportFile(@Args() args: ReportFileIdArgs): Promise<ReportFileObject> {
    return toReportFileObject(await this.files.get(args.id));
  }

  @Query(() => ReportFileContentObject, {
    description:
      'A report file with its content in base64, checked against its sha-256 (or GET downloadPath)',
  })
  async reportFileContent(@Args() args: ReportFileIdArgs): Promise<ReportFileContentObject> {
    const { file, content } = await this.files.content(args.id);
    return { file: toReportFileObject(file), base64: content.toString('base64') };
  }
}
