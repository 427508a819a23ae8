import { Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { IMPORT_UPLOAD_TYPES, ImportsController } from 'src/modules/imports/imports.controller';
import { ImportsResolver } from 'src/modules/imports/imports.resolver';
import { ImportsService } from 'src/modules/imports/imports.service';
import { BenefitsModule } from 'src/modules/benefits/benefits.module';
import { DossiersModule } from 'src/modules/dossiers/dossiers.module';
import { RegistryModule } from 'src/modules/registry/registry.module';

/**
 * Bulk imports (issue 10). Registers a pass-through body parser for the upload content types so that the file
 * reaches the controller as a stream (Fastify's body limit does not apply; IMPORT_MAX_FILE_BYTES does).
 */
@Module({
  imports: [RegistryModule, BenefitsModule, DossiersModule],
  controllers: [ImportsController],
  providers: [ImportsService, ImportsResolver],
  exports: [ImportsService],
})
export class ImportsModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    for (const type of IMPORT_UPLOAD_TYPES) {
      if (!fastify.hasContentTypeParser(type)) fastify.addContentTypeParser(type, (_req, payload, done) => done(null, payload));
    }
  }
}
