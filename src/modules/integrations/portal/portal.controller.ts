import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Roles, Scopes } from 'src/common/auth/auth.decorators';
import { RequestContext } from 'src/common/context/request-context';
import { ChangesQuery, SupplementDto } from 'src/modules/dossiers/rest/receive-dossier.dto';
import { DossierProcessingService } from 'src/modules/dossiers/services/dossier-processing.service';
import { DossierReceiptService } from 'src/modules/dossiers/services/dossier-receipt.service';
import { DossiersService } from 'src/modules/dossiers/services/dossiers.service';
import { CodeMappingsService } from 'src/modules/integrations/mappings/code-mappings.service';
import {
  IntegrationIdempotencyService,
  requireIdempotencyKey,
} from 'src/modules/integrations/portal/integration-idempotency.service';
import { PortalMultipartService } from 'src/modules/integrations/portal/portal-multipart.service';
import {
  PortalChangePage,
  PortalDossierView,
  PortalMultipartSubmitDto,
  PortalSubmitDto,
  PortalWithdrawDto,
  toPortalView,
} from 'src/modules/integrations/portal/portal.dto';
import { IntegrationClientsService } from 'src/modules/integrations/signature/integration-clients.service';
import { RequestSignatureGuard } from 'src/modules/integrations/signature/request-signature.guard';
import { ApiUuidParam } from 'src/modules/organisation/uuid-param';

const IDEMPOTENCY_HEADER = {
  name: 'Idempotency-Key',
  required: true,
  description: 'Required on every integration POST: a retry with the same key and body returns the first answer',
  schema: { type: 'string', maxLength: 200, pattern: '^[A-Za-z0-9._:-]{1,200}$' },
} as const;

export const SIGNATURE_HEADERS = [
  {
    name: 'x-signature',
    required: false,
    description: 'v1=<hex HMAC-SHA256 of METHOD\\npath?query\\ntimestamp\\nnonce\\nraw body>; required when the key is set to sign',
    schema: { type: 'string', maxLength: 80, pattern: '^v1=[0-9a-f]{64}$' },
  },
  {
    name: 'x-signature-timestamp',
    required: false,
    description: 'Unix seconds; accepted within 5 minutes, each signature once',
    schema: { type: 'string', maxLength: 12, pattern: '^[0-9]{1,12}$' },
  },
  {
    name: 'x-signature-nonce',
    required: false,
    description: 'Fresh per request (and per retry); each nonce is accepted once within the window',
    schema: { type: 'string', maxLength: 64, pattern: '^[A-Za-z0-9_-]{8,64}$' },
  },
] as const;

function caller(): string {
  const actor = RequestContext.actor();
  return `${actor?.kind ?? 'anonymous'}:${actor?.id ?? ''}`;
}

/**
 * REST for public-service portals (machine clients with API keys): submit an online dossier, read it with the
 * portal's status code, the change feed, supplement and withdrawal. Writes delegate to the dossier module.
 */
@ApiTags('integrations')
@ApiExtraModels(PortalMultipartSubmitDto)
@ApiSecurity('api-key')
@ApiBearerAuth()
@ApiHeader(SIGNATURE_HEADERS[0])
@ApiHeader(SIGNATURE_HEADERS[1])
@ApiHeader(SIGNATURE_HEADERS[2])
@UseGuards(RequestSignatureGuard)
@Controller('integrations')
export class PortalController {
  constructor(
    private readonly dossiers: DossiersService,
    private readonly receipt: DossierReceiptService,
    private readonly processing: DossierProcessingService,
    private readonly mappings: CodeMappingsService,
    private readonly clients: IntegrationClientsService,
    private readonly idempotency: IntegrationIdempotencyService,
    private readonly multipart: PortalMultipartService,
  ) {}

  private async statuses(): Promise<Map<string, string>> {
    const actor = RequestContext.actor();
    return this.mappings.statusMap(await this.clients.portalOf(actor?.kind === 'api_key' ? actor.id : undefined));
  }

  @Post('dossiers')
  @ApiOperation({ summary: "Submit an online dossier (the portal's procedure code is mapped to the catalog)" })
  @Roles('ADMIN')
  @Scopes('dossiers:write')
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiCreatedResponse({ type: PortalDossierView })
  async submit(
    @Body() body: PortalSubmitDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PortalDossierView> {
    const idempotencyKey = requireIdempotencyKey(key);
    const actor = RequestContext.actor();
    const portal = await this.clients.portalOf(actor?.kind === 'api_key' ? actor.id : undefined);
    const procedureCode = await this.mappings.catalogCode(portal, body.procedureCode);
    const { dossier, replayed } = await this.receipt.receive(
      { procedureCode, channel: 'ONLINE', agencyId: body.agencyId, applicant: body.applicant, documents: body.documents },
      idempotencyKey,
    );
    if (replayed) void reply.header('idempotent-replayed', 'true');
    return toPortalView(dossier, await this.mappings.statusMap(portal));
  }

  @Post('dossiers/multipart')
  @ApiOperation({
    summary: 'Submit an online dossier with its files in one multipart/form-data request (streamed)',
    description:
      'First part: field `dossier` (application/json): the JSON submission body plus `files`, one entry per file part ' +
      '(part name, checklist code, file name, content type, size, sha256). Then one file part per entry, named by `part`. ' +
      'Files stream to the store: each at most DOSSIER_FILE_MAX_BYTES and the request at most 4 × that (413 ' +
      'problem+json), content types from DOSSIER_FILE_TYPES (415), size and sha256 must match the entry (422). A signed ' +
      "request's signature covers the raw multipart body and is checked when the body ends, before anything is kept. " +
      'Idempotency-Key as on POST /integrations/dossiers: same key and same dossier part → the same dossier.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['dossier'],
      properties: { dossier: { $ref: getSchemaPath(PortalMultipartSubmitDto) } },
      additionalProperties: { type: 'string', format: 'binary', maxLength: 1073741824 },
      maxProperties: 21,
    },
  })
  @Roles('ADMIN')
  @Scopes('dossiers:write')
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiCreatedResponse({ type: PortalDossierView })
  async submitMultipart(
    @Req() request: FastifyRequest,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PortalDossierView> {
    const { view, replayed } = await this.multipart.submit(request, requireIdempotencyKey(key));
    if (replayed) void reply.header('idempotent-replayed', 'true');
    return view;
  }

  @Get('changes')
  @ApiOperation({ summary: "Dossier events after a cursor, with the portal's status codes" })
  @Roles('ADMIN')
  @Scopes('dossiers:read')
  @ApiOkResponse({ type: PortalChangePage })
  async changes(@Query() q: ChangesQuery): Promise<PortalChangePage> {
    const page = await this.dossiers.changesSince(q.cursor, q.limit);
    const statuses = await this.statuses();
    return {
      items: page.items.map((c) => ({
        eventId: String(c.eventId),
        dossierId: c.dossierId,
        code: c.code,
        type: c.type,
        toState: c.toState,
        portalStatus: c.toState ? (statuses.get(c.toState) ?? null) : null,
        occurredAt: new Date(c.occurredAt).toISOString(),
      })),
      nextCursor: page.nextCursor ?? null,
    };
  }

  @Get('dossiers/:id')
  @ApiOperation({ summary: "One dossier with the portal's status code" })
  @ApiUuidParam()
  @Roles('ADMIN')
  @Scopes('dossiers:read')
  @ApiOkResponse({ type: PortalDossierView })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<PortalDossierView> {
    return toPortalView(await this.dossiers.get(id), await this.statuses());
  }

  @Post('dossiers/:id/supplement')
  @ApiOperation({ summary: "The applicant's supplement (before acceptance, or during processing: the clock resumes)" })
  @ApiUuidParam()
  @HttpCode(200)
  @Roles('ADMIN')
  @Scopes('dossiers:write')
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOkResponse({ type: PortalDossierView })
  async supplement(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: SupplementDto,
    @Headers('idempotency-key') key: string | undefined,
  ): Promise<PortalDossierView> {
    const { result } = await this.idempotency.run(caller(), requireIdempotencyKey(key), `supplement:${id}`, body, async () => {
      const current = await this.dossiers.get(id);
      const d =
        current.state === 'SUPPLEMENT_BEFORE_ACCEPTANCE'
          ? await this.processing.supplementAtReceipt(id, body.version, body.documents)
          : await this.processing.supplement(id, body.version, body.documents);
      return toPortalView(d, await this.statuses());
    });
    return result;
  }

  @Post('dossiers/:id/withdraw')
  @ApiOperation({ summary: 'The applicant asks to withdraw the dossier (the agency then stops processing)' })
  @ApiUuidParam()
  @HttpCode(200)
  @Roles('ADMIN')
  @Scopes('dossiers:write')
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOkResponse({ type: PortalDossierView })
  async withdraw(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: PortalWithdrawDto,
    @Headers('idempotency-key') key: string | undefined,
  ): Promise<PortalDossierView> {
    const { result } = await this.idempotency.run(caller(), requireIdempotencyKey(key), `withdraw:${id}`, body, async () => {
      await this.dossiers.get(id);
      const d = await this.processing.requestWithdrawal(id, body.version, body.reason);
      return toPortalView(d, await this.statuses());
    });
    return result;
  }
}
