import type { Readable } from 'node:stream';
import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentActor, Roles, Scopes } from 'src/common/auth/auth.decorators';
import type { Actor } from 'src/common/context/request-context';
import { DomainException } from 'src/common/errors/domain.exception';
import { ImportsService } from 'src/modules/imports/imports.service';
import {
  ImportProgressView,
  ImportView,
  SheetFormatQuery,
  UploadImportQuery,
  toImportView,
} from 'src/modules/imports/imports.views';
import { IMPORT_TARGETS } from 'src/modules/imports/targets/import-targets';

export const IMPORT_UPLOAD_TYPES = [
  'text/csv',
  'application/octet-stream',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
];
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function actorOf(actor: Actor | undefined): Actor {
  if (!actor) throw new DomainException('UNAUTHENTICATED');
  return actor;
}

/** Bulk imports of registry data (CSV/XLSX): upload → dry run → commit, with progress and an error report. */
@ApiTags('imports')
@ApiBearerAuth()
@Controller('imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post()
  @HttpCode(202)
  @Roles('DATA_OFFICER', 'ADMIN')
  @Scopes('imports:write')
  @ApiOperation({
    summary: 'Upload a CSV or XLSX file (the request body is the file); the dry run starts at once',
    description:
      'The body is streamed to storage (limit IMPORT_MAX_FILE_BYTES), never held in memory. Poll GET /imports/{id} ' +
      'for the dry-run counts (state VALIDATED), then POST /imports/{id}/commit.',
  })
  @ApiConsumes(...IMPORT_UPLOAD_TYPES)
  @ApiBody({ schema: { type: 'string', format: 'binary', maxLength: 2147483648 } })
  @ApiAcceptedResponse({ type: ImportView })
  async upload(
    @Query() query: UploadImportQuery,
    @Req() request: FastifyRequest,
    @CurrentActor() actor: Actor | undefined,
  ): Promise<ImportView> {
    const body = request.body as Readable | undefined;
    if (!body || typeof body.pipe !== 'function')
      throw new DomainException(
        'UNSUPPORTED_MEDIA_TYPE',
        `Send the file as ${IMPORT_UPLOAD_TYPES.join(' or ')}`,
      );
    return toImportView(await this.imports.upload(actorOf(actor), query.target, query.fileName, body));
  }

  @Get('templates/:target')
  @Roles('DATA_OFFICER', 'ADMIN')
  @Scopes('imports:write')
  @ApiOperation({ summary: 'The file template of a target, with Vietnamese column headers' })
  @ApiParam({ name: 'target', enum: IMPORT_TARGETS })
  @ApiProduces(XLSX_TYPE, 'text/csv')
  @ApiOkResponse({ description: 'The template file' })
  async template(
    @Param('target') target: string,
    @Query() query: SheetFormatQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const format = query.format ?? 'xlsx';
    const file = await this.imports.template(target, format);
    void reply
      .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE)
      .header('content-disposition', `attachment; filename="mau-nhap-${target.toLowerCase()}.${format}"`);
    return file;
  }

  @Get(':id')
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid', maxLength: 36 } })
  @Roles('DATA_OFFICER', 'ADMIN')
  @Scopes('imports:write')
  @ApiOperation({ summary: 'An import: state, dry-run counts, progress (rows, rows/s, ETA, errors)' })
  @ApiOkResponse({ type: ImportView })
  async get(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentActor() actor: Actor | undefined,
  ): Promise<ImportView> {
    return toImportView(await this.imports.get(actorOf(actor), id));
  }

  @Get(':id/progress')
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid', maxLength: 36 } })
  @Roles('DATA_OFFICER', 'ADMIN')
  @Scopes('imports:write')
  @ApiOperation({ summary: 'Progress of the running phase only (cheap to poll)' })
  @ApiOkResponse({ type: ImportProgressView })
  async progress(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentActor() actor: Actor | undefined,
  ): Promise<ImportProgressView> {
    return toImportView(await this.imports.get(actorOf(actor), id)).progress;
  }

  @Post(':id/validate')
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid', maxLength: 36 } })
  @HttpCode(202)
  @Roles('DATA_OFFICER', 'ADMIN')
  @Scopes('imports:write')
  @ApiOperation({
    summary: 'Start the dry run again for an uploaded import (when the queue was unavailable)',
  })
  @ApiAcceptedResponse({ type: ImportView })
  async validate(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentActor() actor: Actor | undefined,
  ): Promise<ImportView> {
    return toImportView(await this.imports.validate(actorOf(actor), id));
  }

  @Post(':id/commit')
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid', maxLength: 36 } })
  @HttpCode(202)
  @Roles('DATA_OFFICER', 'ADMIN')
  @Scopes('imports:write')
  @ApiOperation({ summary: 'Commit a validated import (idempotent; resumes a commit that was interrupted)' })
  @ApiAcceptedResponse({ type: ImportView })
  async commit(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentActor() actor: Actor | undefined,
  ): Promise<ImportView> {
    return toImportView(await this.imports.commit(actorOf(actor), id));
  }

  @Post(':id/cancel')
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid', maxLength: 36 } })
  @HttpCode(200)
  @Roles('DATA_OFFICER', 'ADMIN')
  @Scopes('imports:write')
  @ApiOperation({ summary: 'Cancel: stops at the next chunk; what was committed stays (whole households)' })
  @ApiOkResponse({ type: ImportView })
  async cancel(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentActor() actor: Actor | undefined,
  ): Promise<ImportView> {
    return toImportView(await this.imports.cancel(actorOf(actor), id));
  }

  @Get(':id/errors')
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid', maxLength: 36 } })
  @Roles('DATA_OFFICER', 'ADMIN')
  @Scopes('imports:write')
  @ApiOperation({ summary: 'The error report (row, column, value, message in Vietnamese and English)' })
  @ApiProduces('text/csv', XLSX_TYPE)
  @ApiOkResponse({ description: 'CSV (UTF-8 with BOM) or XLSX; cells starting with = + - @ are escaped' })
  async errors(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: SheetFormatQuery,
    @CurrentActor() actor: Actor | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Readable> {
    const format = query.format ?? 'csv';
    const stream = await this.imports.errors(actorOf(actor), id, format);
    void reply
      .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE)
      .header('content-disposition', `attachment; filename="loi-nhap-${id}.${format}"`);
    return stream;
  }
}
