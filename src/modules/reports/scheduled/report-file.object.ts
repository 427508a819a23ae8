import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { ReportFile } from 'src/modules/reports/scheduled/report-files.service';

@ObjectType('ReportFile', {
  description: 'A scheduled report file (XLSX or CSV) kept for a closed official period',
})
export class ReportFileObject {
  @Field(() => ID) id!: string;
  @Field({ description: 'e.g. dossier-processing (Form II.06a)' }) reportKey!: string;
  @Field({ description: 'MONTH, QUARTER, HALF_YEAR or YEAR' }) periodKind!: string;
  @Field() periodFrom!: string;
  @Field() periodTo!: string;
  @Field({ description: 'PROVINCE or AGENCY' }) scopeKind!: string;
  @Field({ description: 'PROVINCE or the agency code' }) scopeKey!: string;
  @Field({ description: 'XLSX or CSV' }) format!: string;
  @Field() fileName!: string;
  @Field() contentType!: string;
  @Field({ description: 'sha-256 of the content, hex' }) checksumSha256!: string;
  @Field(() => Int) sizeBytes!: number;
  @Field() createdAt!: string;
  @Field({ description: 'REST path that streams the file (same roles and scope)' }) downloadPath!: string;
}

@ObjectType('ReportFilePage')
export class ReportFilePageObject {
  @Field(() => [ReportFileObject]) items!: ReportFileObject[];
  @Field(() => String, { nullable: true, description: 'Pass as after for the next page' }) endCursor!:
    string | null;
  @Field() hasNextPage!: boolean;
}

@ObjectType('ReportFileContent', { description: 'A report file with its content, base64 (files are small)' })
export class ReportFileContentObject {
  @Field(() => ReportFileObject) file!: ReportFileObject;
  @Field() base64!: string;
}

export function toReportFileObject(f: ReportFile): ReportFileObject {
  return { ...f, downloadPath: `/api/v1/reports/files/${f.id}/content` };
}
