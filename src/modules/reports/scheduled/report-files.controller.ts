import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles, Scopes } from 'src/common/auth/auth.decorators';
import type { Page } from 'src/common/pagination/pagination';
import { ReportFileListQuery } from 'src/modules/reports/scheduled/report-files.dto';
import { ReportFilesService, type ReportFile } from 'src/modules/reports/scheduled/report-files.service';

const ID_PARAM = { name: 'id', schema: { type: 'string' as const, format: 'uuid', maxLength: 36 } };

@ApiTags('reports')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('reports/files')
@Roles('ADMIN', 'LEADER', 'REPORT_VIEWER', 'AUDITOR')
@Scopes('reports:read')
export class ReportFilesController {
  constructor(private readonly files: ReportFilesService) {}

  @Get()
  @ApiOperation({
    summary: 'Scheduled report files you may read (newest period first)',
    description:
      'Produced at 01:00 (UTC+7) the day after an official period closes (monthly and six-monthly Form II.06a), ' +
      'for the province and each agency, as XLSX and CSV. Agency files are visible within your unit scope; ' +
      'province files to province-level staff.',
  })
  @ApiOkResponse({ description: 'A page of files (metadata; GET /{id}/content for the bytes)' })
  list(@Query() query: ReportFileListQuery): Promise<Page<ReportFile>> {
    return this.files.list(query, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One report file (metadata)' })
  @ApiParam(ID_PARAM)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<ReportFile> {
    return this.files.get(id);
  }

  @Get(':id/content')
  @ApiOperation({ summary: 'Download a report file; its sha-256 is checked first and sent as the ETag' })
  @ApiParam(ID_PARAM)
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv')
  @ApiOkResponse({ description: 'The file content' })
  async content(
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const { file, content } = await this.files.content(id);
    void reply
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .header('etag', `"${file.checksumSha256}"`);
    return content;
  }
}
