import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles, Scopes } from 'src/common/auth/auth.decorators';
import { DomainException } from 'src/common/errors/domain.exception';
import type { Page } from 'src/common/pagination/pagination';
import { DossierPdfService, SLIP_KINDS, type SlipKind } from 'src/modules/dossiers/pdf/dossier-pdf.service';
import {
  AddDocumentDto,
  AttachResultDto,
  ChangesQuery,
  ReceiveDossierDto,
  SupplementDto,
} from 'src/modules/dossiers/rest/receive-dossier.dto';
import { DossierView, toDossierView } from 'src/modules/dossiers/rest/dossier-view.dto';
import { DossierOutcomeService } from 'src/modules/dossiers/services/dossier-outcome.service';
import { DossierProcessingService } from 'src/modules/dossiers/services/dossier-processing.service';
import { DossierReceiptService } from 'src/modules/dossiers/services/dossier-receipt.service';
import { DossiersService, type ChangeRow } from 'src/modules/dossiers/services/dossiers.service';

const EXAMPLE = {
  id: '6f1c2d1e-2b1a-4c55-9a0e-5b8f6a1d2c3b',
  code: 'H40.12-260305-0012',
  state: 'SUBMITTED',
  portalStatus: 1,
  channel: 'ONLINE',
  portalChannel: 2,
  procedureCode: '1.001776',
  dueDate: null,
  version: 1,
};

/** REST for public-service portals and the desk's scanners: receipt, reads, change feed, documents, supplements. */
@ApiTags('dossiers')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('dossiers')
export class DossiersController {
  constructor(
    private readonly dossiers: DossiersService,
    private readonly receipt: DossierReceiptService,
    private readonly processing: DossierProcessingService,
    private readonly outcome: DossierOutcomeService,
    private readonly pdf: DossierPdfService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Receive a dossier (desk or portal); with acceptNow the desk accepts at once and the appointment date is set', description: 'Receive a dossier (desk or portal); with acceptNow the desk accepts at once and the appointment date is set' })
  @Roles('RECEPTION_OFFICER', 'ADMIN')
  @Scopes('dossiers:write')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Retry-safe create: same key + body → same dossier',
    schema: { type: 'string', maxLength: 200, pattern: '^[A-Za-z0-9._:-]{1,200}$' },
  })
  @ApiCreatedResponse({ type: DossierView, description: `The dossier, e.g. ${JSON.stringify(EXAMPLE)}` })
  async create(
    @Body() body: ReceiveDossierDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DossierView> {
    if (key !== undefined && !/^[A-Za-z0-9._:-]{1,200}$/.test(key))
      throw new DomainException('BAD_REQUEST', 'Idempotency-Key must be 1–200 characters of A–Z, a–z, 0–9, . _ : -');
    const { dossier, replayed } = await this.receipt.receive(body, key);
    if (replayed) void reply.header('idempotent-replayed', 'true');
    return toDossierView(dossier);
  }

  @Get('changes')
  @ApiOperation({ summary: 'Dossier events after a cursor, for portal synchronisation', description: 'Dossier events after a cursor, for portal synchronisation' })
  @Roles('RECEPTION_OFFICER', 'SPECIALIST', 'LEADER', 'ADMIN')
  @Scopes('dossiers:read')
  @ApiOkResponse({ description: 'Dossier events after the cursor, oldest first', schema: { example: { items: [], nextCursor: 'eyJrIjo0MiwiaWQiOiIuLi4ifQ' } } })
  changes(@Query() q: ChangesQuery): Promise<Page<ChangeRow>> {
    return this.dossiers.changesSince(q.cursor, q.limit);
  }

  @Get(':id')
  @ApiOperation({ summary: "One dossier in the caller's scope", description: "One dossier in the caller's scope" })
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid', maxLength: 36 } })
  @Roles('RECEPTION_OFFICER', 'SPECIALIST', 'LEADER', 'ADMIN')
  @Scopes('dossiers:read')
  @ApiOkResponse({ type: DossierView, description: 'The dossier (no personal identifiers)' })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<DossierView> {
    return toDossierView(await this.dossiers.get(id));
  }

  @Post(':id/documents')
  @ApiOperation({ summary: 'Add a submitted document (optionally with its scanned file)', description: 'Add a submitted document (optionally with its scanned file)' })
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid', maxLength: 36 } })
  @HttpCode(200)
  @Roles('RECEPTION_OFFICER', 'ADMIN')
  @Scopes('dossiers:write')
  @ApiOkResponse({ type: DossierView })
  async addDocument(@Param('id', ParseUUIDPipe) id: string, @Body() body: AddDocumentDto): Promise<DossierView> {
    const upload =
      body.contentBase64 !== undefined
        ? {
            fileName: body.fileName ?? 'document',
            contentType: body.contentType ?? 'application/octet-stream',
            content: Buffer.from(body.contentBase64, 'base64'),
          }
        : undefined;
    const d = await this.outcome.addDocument(id, body.version, { checklistCode: body.checklistCode, name: body.name }, upload);
    return toDossierView(d);
  }

  @Post(':id/supplement')
  @ApiOperation({ summary: "The applicant's supplement (before acceptance, or during processing: the clock resumes)", description: "The applicant's supplement (before acceptance, or during processing: the clock resumes)" })
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid', maxLength: 36 } })
  @HttpCode(200)
  @Roles('RECEPTION_OFFICER', 'ADMIN')
  @Scopes('dossiers:write')
  @ApiOkResponse({ type: DossierView, description: 'The supplement: at receipt, or during processing (clock resumes)' })
  async supplement(@Param('id', ParseUUIDPipe) id: string, @Body() body: SupplementDto): Promise<DossierView> {
    const current = await this.dossiers.peek(id);
    const d =
      current.state === 'SUPPLEMENT_BEFORE_ACCEPTANCE'
        ? await this.processing.supplementAtReceipt(id, body.version, body.documents)
        : await this.processing.supplement(id, body.version, body.documents);
    return toDossierView(d);
  }

  @Post(':id/result')
  @ApiOperation({ summary: 'Attach the result file after the decision', description: 'Attach the result file after the decision' })
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid', maxLength: 36 } })
  @HttpCode(200)
  @Roles('RECEPTION_OFFICER', 'SPECIALIST', 'LEADER', 'ADMIN')
  @ApiOkResponse({ type: DossierView, description: 'Stores the result file (sha-256 checksum) after the decision' })
  async attachResult(@Param('id', ParseUUIDPipe) id: string, @Body() body: AttachResultDto): Promise<DossierView> {
    const d = await this.outcome.attachResult(
      id,
      body.version,
      { fileName: body.fileName, contentType: body.contentType, content: Buffer.from(body.contentBase64, 'base64') },
      body.digitised,
    );
    return toDossierView(d);
  }

  @Get(':id/files/:fileId')
  @ApiOperation({ summary: 'Download a dossier file (authorised callers only)', description: 'Download a dossier file (authorised callers only)' })
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid', maxLength: 36 } })
  @ApiParam({ name: 'fileId', schema: { type: 'string', format: 'uuid', maxLength: 36 } })
  @Roles('RECEPTION_OFFICER', 'SPECIALIST', 'LEADER', 'ADMIN')
  @Scopes('dossiers:read')
  @ApiProduces('application/pdf', 'image/jpeg', 'image/png', 'image/tiff')
  @ApiOkResponse({ description: 'The file content, with its sha-256 in the ETag' })
  async file(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('fileId', ParseUUIDPipe) fileId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const { file, content } = await this.outcome.readFile(id, fileId);
    void reply.header('content-type', file.contentType).header('etag', `"${file.sha256}"`);
    return content;
  }

  @Get(':id/slips/:kind')
  @ApiOperation({ summary: 'Printable slip (PDF)', description: 'Printable slip (PDF)' })
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid', maxLength: 36 } })
  @ApiParam({ name: 'kind', schema: { type: 'string', enum: [...SLIP_KINDS] } })
  @Roles('RECEPTION_OFFICER', 'SPECIALIST', 'LEADER', 'ADMIN')
  @Scopes('dossiers:read')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: `Printable slip: ${SLIP_KINDS.join(', ')}` })
  async slip(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('kind') kind: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    if (!(SLIP_KINDS as readonly string[]).includes(kind))
      throw new DomainException('NOT_FOUND', `Slips: ${SLIP_KINDS.join(', ')}`);
    const pdf = await this.pdf.render(id, kind as SlipKind);
    void reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="${kind}.pdf"`);
    return pdf;
  }
}
