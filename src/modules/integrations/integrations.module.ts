import fastifyMultipart from '@fastify/multipart';
import { Module, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { AppConfig } from 'src/config/app-config';
import { DossiersModule } from 'src/modules/dossiers/dossiers.module';
import { CodeMappingsService } from 'src/modules/integrations/mappings/code-mappings.service';
import { IntegrationAdminController } from 'src/modules/integrations/mappings/integration-admin.controller';
import { IntegrationIdempotencyService } from 'src/modules/integrations/portal/integration-idempotency.service';
import { PortalMultipartService, multipartMaxBytes } from 'src/modules/integrations/portal/portal-multipart.service';
import { PortalController } from 'src/modules/integrations/portal/portal.controller';
import { IntegrationClientsService } from 'src/modules/integrations/signature/integration-clients.service';
import { installIntegrationBodyHook } from 'src/modules/integrations/signature/raw-body.hook';
import { RequestSignatureGuard } from 'src/modules/integrations/signature/request-signature.guard';
import { PortalSubscriptionsService } from 'src/modules/integrations/webhooks/portal-subscriptions.service';
import { PortalWebhooksController } from 'src/modules/integrations/webhooks/portal-webhooks.controller';
import { WebhookChainService } from 'src/modules/integrations/webhooks/webhook-chain.service';
import { OutboxService } from 'src/modules/notifications/outbox/outbox.service';
import { JobHandlerRegistry } from 'src/queue/job-handler.registry';
import { QueueService } from 'src/queue/queue.service';

/**
 * Public-service portal integration (issue 12): signed, idempotent REST for portals on top of the dossier module,
 * admin-edited code mappings, and ordered per-dossier webhooks delivered through the notifications module.
 */
@Module({
  imports: [DossiersModule],
  controllers: [PortalController, IntegrationAdminController, PortalWebhooksController],
  providers: [
    IntegrationClientsService,
    CodeMappingsService,
    IntegrationIdempotencyService,
    PortalMultipartService,
    RequestSignatureGuard,
    PortalSubscriptionsService,
    WebhookChainService,
  ],
  exports: [CodeMappingsService],
})
export class IntegrationsModule implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly config: AppConfig,
    private readonly outbox: OutboxService,
    private readonly registry: JobHandlerRegistry,
    private readonly chains: WebhookChainService,
    private readonly queues: QueueService,
    private readonly subscriptions: PortalSubscriptionsService,
  ) {}

  onModuleInit(): void {
    this.outbox.subscribe('*', (event) => this.chains.onDossierEvent(event));
    this.registry.register('integrations.webhook.push', async ({ subscriptionId, dossierId }) => ({
      sent: await this.chains.push(subscriptionId, dossierId),
    }));
    this.registry.register('integrations.webhook.sweep', async () => ({ scheduled: await this.chains.sweep() }));
    this.registry.register('integrations.reconciliation.daily', async ({ date }) => ({
      // Default: the business day (UTC+7) that just ended.
      sent: await this.subscriptions.pushDaily(date ?? new Date(Date.now() + 7 * 3600_000 - 86_400_000).toISOString().slice(0, 10)),
    }));
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (fastify) {
      installIntegrationBodyHook(fastify, this.config.integrations.maxBodyBytes, multipartMaxBytes(this.config.dossiers.fileMaxBytes));
      // Multipart bodies are parsed lazily by the handler that streams them (request.parts()); nothing is buffered.
      if (!fastify.hasContentTypeParser('multipart/form-data'))
        void fastify.register(fastifyMultipart, { limits: { fileSize: this.config.dossiers.fileMaxBytes + 1, parts: 100 } });
    }
  }

  /** In the worker role: the sweep that restarts due webhook chains every 10 s, and the daily reconciliation push. */
  async onApplicationBootstrap(): Promise<void> {
    if (this.config.app.role === 'api') return;
    await this.queues.installSchedulers('webhooks', [
      {
        id: 'integrations-webhook-sweep',
        repeat: { every: 10_000 },
        template: { name: 'integrations.webhook.sweep', data: { reason: 'scheduler' } },
      },
      {
        id: 'integrations-reconciliation-daily',
        repeat: { pattern: '30 0 * * *', tz: 'Asia/Ho_Chi_Minh' },
        template: { name: 'integrations.reconciliation.daily', data: {} },
      },
    ]);
  }
}
