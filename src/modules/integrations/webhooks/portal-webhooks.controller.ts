import { Body, Controller, Delete, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Res, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiSecurity,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles, Scopes } from 'src/common/auth/auth.decorators';
import { RequestContext } from 'src/common/context/request-context';
import {
  IntegrationIdempotencyService,
  requireIdempotencyKey,
} from 'src/modules/integrations/portal/integration-idempotency.service';
import { SIGNATURE_HEADERS } from 'src/modules/integrations/portal/portal.controller';
import { RequestSignatureGuard } from 'src/modules/integrations/signature/request-signature.guard';
import { PortalSubscriptionsService } from 'src/modules/integrations/webhooks/portal-subscriptions.service';
import {
  ChainDeliveryPage,
  CreatePortalSubscriptionDto,
  DeliveryQuery,
  IssuedPortalSubscriptionView,
  PortalSubscriptionView,
  PortalWebhookPage,
  ReconciliationQuery,
  ReplayAcceptedView,
  WindowQuery,
} from 'src/modules/integrations/webhooks/portal-webhooks.dto';
import { WebhookChainService } from 'src/modules/integrations/webhooks/webhook-chain.service';
import { ApiUuidParam } from 'src/modules/organisation/uuid-param';

const IDEMPOTENCY_HEADER = {
  name: 'Idempotency-Key',
  required: true,
  schema: { type: 'string', maxLength: 200, pattern: '^[A-Za-z0-9._:-]{1,200}$' },
} as const;

function caller(): string {
  const actor = RequestContext.actor();
  return `${actor?.kind ?? 'anonymous'}:${actor?.id ?? ''}`;
}

/**
 * Webhook subscriptions of portal clients. Deliveries follow Standard Webhooks (`webhook-id` = delivery id,
 * `webhook-timestamp`, `webhook-signature` v1 HMAC-SHA256) and carry a per-dossier `data.sequence`; deliveries for one
 * dossier are sequential (n+1 only after n was accepted), retried with exponential backoff for more than 24 hours,
 * then dead-lettered (the chain waits until the delivery is replayed).
 */
@ApiTags('integrations-webhooks')
@ApiExtraModels(PortalSubscriptionView)
@ApiSecurity('api-key')
@ApiBearerAuth()
@ApiHeader(SIGNATURE_HEADERS[0])
@ApiHeader(SIGNATURE_HEADERS[1])
@ApiHeader(SIGNATURE_HEADERS[2])
@UseGuards(RequestSignatureGuard)
@Roles('ADMIN')
@Scopes('dossiers:read')
@Controller('integrations/webhooks')
export class PortalWebhooksController {
  constructor(
    private readonly subscriptions: PortalSubscriptionsService,
    private readonly chains: WebhookChainService,
    private readonly idempotency: IntegrationIdempotencyService,
  ) {}

  @Post('subscriptions')
  @ApiOperation({ summary: 'Subscribe a URL to dossier events; the answer carries the signing secret once' })
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiCreatedResponse({ type: IssuedPortalSubscriptionView })
  async create(
    @Body() body: CreatePortalSubscriptionDto,
    @Headers('idempotency-key') key: string | undefined,
  ): Promise<IssuedPortalSubscriptionView> {
    const { result } = await this.idempotency.run(caller(), requireIdempotencyKey(key), 'subscribe', body, () =>
      this.subscriptions.create(body),
    );
    return result;
  }

  @Get('subscriptions')
  @ApiOkResponse({ schema: { type: 'array', maxItems: 500, items: { $ref: getSchemaPath(PortalSubscriptionView) } } })
  list(): Promise<PortalSubscriptionView[]> {
    return this.subscriptions.list();
  }

  @Delete('subscriptions/:id')
  @ApiUuidParam()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deactivated: no further deliveries' })
  async remove(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.subscriptions.deactivate(id);
  }

  @Get('subscriptions/:id/deliveries')
  @ApiUuidParam()
  @ApiOperation({ summary: 'Delivery log, newest first; status=FAILED is the dead-letter view' })
  @ApiOkResponse({ type: ChainDeliveryPage })
  deliveries(@Param('id', ParseUUIDPipe) id: string, @Query() q: DeliveryQuery): Promise<ChainDeliveryPage> {
    return this.subscriptions.deliveries(id, q);
  }

  @Post('deliveries/:id/replay')
  @ApiUuidParam()
  @HttpCode(202)
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOperation({ summary: "Replay a dead-lettered delivery (fresh attempts); its dossier's chain then continues" })
  @ApiOkResponse({ type: ReplayAcceptedView })
  async replay(
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('idempotency-key') key: string | undefined,
  ): Promise<ReplayAcceptedView> {
    const { result } = await this.idempotency.run(caller(), requireIdempotencyKey(key), `replay:${id}`, {}, async () => {
      await this.subscriptions.assertDeliveryOwned(id);
      await this.chains.replay(id);
      return { deliveryId: id, status: 'REQUEUED' as const };
    });
    return result;
  }

  @Get('subscriptions/:id/events')
  @ApiUuidParam()
  @ApiOperation({ summary: 'Every event of a time window again (same bodies as the webhooks, with their sequence numbers)' })
  @ApiOkResponse({ type: PortalWebhookPage })
  events(@Param('id', ParseUUIDPipe) id: string, @Query() q: WindowQuery): Promise<PortalWebhookPage> {
    return this.subscriptions.eventsInWindow(id, q) as unknown as Promise<PortalWebhookPage>;
  }

  @Get('subscriptions/:id/reconciliation')
  @ApiUuidParam()
  @ApiProduces('application/json')
  @ApiOperation({
    summary: 'Signed daily summary: state and last sequence per dossier at the end of a business day',
    description: 'Signed with the subscription secret like the webhooks (webhook-id, webhook-timestamp, webhook-signature headers over the exact body).',
  })
  @ApiOkResponse({ description: '{ type, subscriptionId, date, dossiers: [{ dossierId, dossierCode, sequence, state }] }' })
  async reconciliation(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: ReconciliationQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const { body, headers } = await this.subscriptions.reconciliation(id, q.date);
    void reply.headers({ ...headers, 'content-type': 'application/json; charset=utf-8' });
    return body;
  }
}
