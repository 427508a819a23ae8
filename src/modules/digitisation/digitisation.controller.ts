import type { Readable } from 'node:stream';
import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentActor, Roles } from 'src/common/auth/auth.decorators';
import type { Actor } from 'src/common/context/request-context';
import { DomainException } from 'src/common/errors/domain.exception';
import { AppConfig } from 'src/config/app-config';
import { RevealedFileDataDto } from 'src/modules/digitisation/digitisation-reveal.dto';
import {
  DigitisationStatsService,
  type DigitisationStats,
} from 'src/modules/digitisation/digitisation-stats.service';
import {
  CreateProjectDto,
  EntryDto,
  LinkDto,
  RegisterFileDto,
  StatsQuery,
  VerifyDto,
} from 'src/modules/digitisation/digitisation.dto';
import {
  DIGITISATION_REVEALERS,
  maskFile,
  maskFileDetail,
  type EntryRow,
  type MaskedArchiveFile,
} from 'src/modules/digitisation/digitisation-personal-data';
import {
  DigitisationPersonalDataService,
  type RevealedFileData,
} from 'src/modules/digitisation/digitisation-personal-data.service';
import { DigitisationService, SCAN_TYPES } from 'src/modules/digitisation/digitisation.service';

function who(actor: Actor | undefined): string {
  if (!actor) throw new DomainException('UNAUTHENTICATED');
  return actor.name;
}

async function readLimited(body: Readable, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) throw new DomainException('FILE_TOO_LARGE');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Digitisation of paper archives: projects, boxes, files, scans, double entry, four-eyes verification, link. */
@ApiTags('digitisation')
@ApiBearerAuth()
@Controller('digitisation')
export class DigitisationController {
  constructor(
    private readonly service: DigitisationService,
    private readonly stats: DigitisationStatsService,
    private readonly personalData: DigitisationPersonalDataService,
    private readonly config: AppConfig,
  ) {}

  @Post('projects')
  @Roles('DATA_OFFICER', 'ADMIN')
  @ApiOperation({ summary: 'Create a digitisation project' })
  async createProject(
    @Body() body: CreateProjectDto,
    @CurrentActor() actor: Actor | undefined,
  ): Promise<{ id: string }> {
    await this.service.assertUnitAllowed(actor, body.unitId);
    return this.service.createProject(body, who(actor));
  }

  @Post('projects/:id/files')
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid', maxLength: 36 } })
  @Roles('DATA_OFFICER', 'ADMIN')
  @ApiOperation({ summary: 'Register a paper file (its box is created on first use)' })
  async registerFile(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RegisterFileDto,
    @CurrentActor() actor: Actor | undefined,
  ): Promise<MaskedArchiveFile> {
    await this.service.assertProjectVisible(actor, id);
    return maskFile(await this.service.registerFile(id, body.boxCode, body.archiveCode, who(actor)));
  }

  @Get('projects/:id/stats')
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid', maxLength: 36 } })
  @Roles('DATA_OFFICER', 'LEADER', 'REPORT_VIEWER', 'ADMIN')
  @ApiOperation({ summary: 'Progress and quality per state, box, clerk and day; digitisation rate' })
  async projectStats(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: StatsQuery,
    @CurrentActor() actor: Actor | undefined,
  ): Promise<DigitisationStats> {
    await this.service.assertProjectVisible(actor, id);
    return this.stats.project(id, q.from, q.to);
  }

  @Get('files/:id')
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid', maxLength: 36 } })
  @Roles('DATA_OFFICER', 'SPECIALIST', 'LEADER', 'ADMIN')
  @ApiOperation({
    summary: 'A file with its scans and current entries (what the verifier sees beside the scan)',
  })
  async get(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentActor() actor: Actor | undefined,
  ): Promise<unknown> {
    await this.service.assertFileVisible(actor, id);
    const file = await this.service.get(id);
    return maskFileDetail({ ...file, entries: file.entries as EntryRow[] });
  }

  @Post('files/:id/reveal')
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid', maxLength: 36 } })
  @HttpCode(200)
  @Roles(...DIGITISATION_REVEALERS)
  @ApiOperation({
    summary: 'The full CCCD and address of the agreed data and of each current entry, for the verifier or the '
      + 'correcting clerk; every call is recorded as a personal-data view',
  })
  @ApiOkResponse({ type: RevealedFileDataDto })
  async reveal(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentActor() actor: Actor | undefined,
  ): Promise<RevealedFileData> {
    await this.service.assertFileVisible(actor, id);
    return this.personalData.reveal(id);
  }

  @Post('files/:id/scans')
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid', maxLength: 36 } })
  @HttpCode(201)
  @Roles('DATA_OFFICER', 'ADMIN')
  @ApiOperation({
    summary: 'Upload a scan (body = the PDF/image); acknowledged only once stored and checksum-verified',
  })
  @ApiConsumes(...SCAN_TYPES)
  @ApiHeader({
    name: 'x-content-sha256',
    required: true,
    description: 'Hex SHA-256 of the body',
    schema: { type: 'string', pattern: '^[0-9a-fA-F]{64}$', maxLength: 64 },
  })
  @ApiBody({ schema: { type: 'string', format: 'binary', maxLength: 1073741824 } })
  async addScan(
    @Param('id', ParseUUIDPipe) id: string,
    @Req() request: FastifyRequest,
    @Headers('x-content-sha256') declared: string | undefined,
    @CurrentActor() actor: Actor | undefined,
  ): Promise<{ scanId: string; pageCount: number }> {
    if (!declared || !/^[0-9a-fA-F]{64}$/.test(declared))
      throw new DomainException('BAD_REQUEST', 'Send the hex SHA-256 of the file in x-content-sha256');
    const body = request.body as Readable | undefined;
    if (!body || typeof body.pipe !== 'function') throw new DomainException('UNSUPPORTED_MEDIA_TYPE');
    await this.service.assertFileVisible(actor, id);
    const content = await readLimited(body, this.config.imports.scanMaxBytes);
    const type = (request.headers['content-type'] ?? '').split(';')[0].trim();
    return this.service.addScan(id, content, type, declared, who(actor));
  }

  @Get('files/:id/scans/:scanId')
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid', maxLength: 36 } })
  @ApiParam({ name: 'scanId', schema: { type: 'string', format: 'uuid', maxLength: 36 } })
  @Roles('DATA_OFFICER', 'SPECIALIST', 'LEADER', 'ADMIN')
  @ApiProduces(...SCAN_TYPES)
  @ApiOkResponse({ description: 'The scan, with its SHA-256 as ETag' })
  async scan(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('scanId', ParseUUIDPipe) scanId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
    @CurrentActor() actor: Actor | undefined,
  ): Promise<Buffer> {
    await this.service.assertFileVisible(actor, id);
    const s = await this.service.scanContent(id, scanId);
    void reply.header('content-type', s.contentType).header('etag', `"${s.sha256}"`);
    return s.content;
  }

  @Post('files/:id/entries')
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid', maxLength: 36 } })
  @HttpCode(200)
  @Roles('DATA_OFFICER', 'ADMIN')
  @ApiOperation({
    summary: 'A clerk types the key fields; the second clerk’s entry is compared on critical fields',
  })
  async entry(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: EntryDto,
    @CurrentActor() actor: Actor | undefined,
  ): Promise<MaskedArchiveFile> {
    await this.service.assertFileVisible(actor, id);
    return maskFile(await this.service.submitEntry(id, who(actor), body));
  }

  @Post('files/:id/verification')
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid', maxLength: 36 } })
  @HttpCode(200)
  @Roles('DATA_OFFICER', 'SPECIALIST', 'LEADER', 'ADMIN')
  @ApiOperation({ summary: 'Four-eyes verification by an officer who did not enter the file' })
  async verify(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: VerifyDto,
    @CurrentActor() actor: Actor | undefined,
  ): Promise<MaskedArchiveFile> {
    await this.service.assertFileVisible(actor, id);
    return maskFile(await this.service.verify(id, who(actor), body));
  }

  @Post('files/:id/link')
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid', maxLength: 36 } })
  @HttpCode(200)
  @Roles('DATA_OFFICER', 'SPECIALIST', 'ADMIN')
  @ApiOperation({ summary: 'Link to the registry person (dedup rules; ambiguous → 409)' })
  async link(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: LinkDto,
    @CurrentActor() actor: Actor | undefined,
  ): Promise<MaskedArchiveFile> {
    await this.service.assertFileVisible(actor, id);
    return maskFile(await this.service.link(id, who(actor), body.personId));
  }

  @Post('files/:id/complete')
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid', maxLength: 36 } })
  @HttpCode(200)
  @Roles('DATA_OFFICER', 'SPECIALIST', 'ADMIN')
  @ApiOperation({ summary: 'Mark a linked file done' })
  async complete(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentActor() actor: Actor | undefined,
  ): Promise<MaskedArchiveFile> {
    await this.service.assertFileVisible(actor, id);
    return maskFile(await this.service.complete(id, who(actor)));
  }
}
