import { Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { FileStore, LocalDiskFileStore } from 'src/common/storage/file-store';
import { AppConfig } from 'src/config/app-config';
import { DigitisationPersonalDataService } from 'src/modules/digitisation/digitisation-personal-data.service';
import { DigitisationQueriesService } from 'src/modules/digitisation/digitisation-queries.service';
import { DigitisationStatsService } from 'src/modules/digitisation/digitisation-stats.service';
import { DigitisationController } from 'src/modules/digitisation/digitisation.controller';
import { DigitisationService, SCAN_TYPES } from 'src/modules/digitisation/digitisation.service';
import { DigitisationResolver } from 'src/modules/digitisation/graphql/digitisation.resolver';
import { DigitisationThumbnailsService } from 'src/modules/digitisation/thumbnails/digitisation-thumbnails.service';

/**
 * Digitisation of paper archives (issue 10). Scans go through the FileStore (local disk under STORAGE_DIR); the
 * scan content types get a pass-through body parser so the controller can enforce DIGITISATION_SCAN_MAX_BYTES.
 */
@Module({
  controllers: [DigitisationController],
  providers: [
    { provide: FileStore, useFactory: (c: AppConfig) => new LocalDiskFileStore(c.storage.dir), inject: [AppConfig] },
    DigitisationService,
    DigitisationPersonalDataService,
    DigitisationStatsService,
    DigitisationQueriesService,
    DigitisationResolver,
    DigitisationThumbnailsService,
  ],
  exports: [DigitisationService, DigitisationStatsService, DigitisationThumbnailsService],
})
export class DigitisationModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    for (const type of SCAN_TYPES) {
      if (!fastify.hasContentTypeParser(type)) fastify.addContentTypeParser(type, (_req, payload, done) => done(null, payload));
    }
  }
}
