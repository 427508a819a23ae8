import { Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { AppConfig } from 'src/config/app-config';
import { DossiersModule } from 'src/modules/dossiers/dossiers.module';
import { CodeMappingsService } from 'src/modules/integrations/mappings/code-mappings.service';
import { IntegrationAdminController } from 'src/modules/integrations/mappings/integration-admin.controller';
import { IntegrationIdempotencyService } from 'src/modules/integrations/portal/integration-idempotency.service';
import { PortalController } from 'src/modules/integrations/portal/portal.controller';
import { IntegrationClientsService } from 'src/modules/integrations/signature/integration-clients.service';
import { installIntegrationBodyHook } from 'src/modules/integrations/signature/raw-body.hook';
import { RequestSignatureGuard } from 'src/modules/integrations/signature/request-signature.guard';

/**
 * Public-service portal integration (issue 12): signed, idempotent REST for portals on top of the dossier module,
 * admin-edited code mappings, and ordered per-dossier webhooks delivered through the notifications module.
 */
@Module({
  imports: [DossiersModule],
  controllers: [PortalController, IntegrationAdminController],
  providers: [IntegrationClientsService, CodeMappingsService, IntegrationIdempotencyService, RequestSignatureGuard],
  exports: [CodeMappingsService],
})
export class IntegrationsModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (fastify) installIntegrationBodyHook(fastify, this.config.integrations.maxBodyBytes);
  }
}
