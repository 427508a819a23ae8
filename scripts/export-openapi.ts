import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { AppModule } from 'src/app.module';
import { AppConfig } from 'src/config/app-config';
import { applyGlobalPrefix, buildOpenApiDocument } from 'src/create-app';

/**
 * Writes the OpenAPI document to dist/openapi.json without a database: Nest's preview mode builds the module graph
 * (routes and their metadata) without instantiating providers or connecting anywhere.
 */
async function main(): Promise<void> {
  const config = AppConfig.fromEnv({ ...process.env, NODE_ENV: 'production' });
  const app = await NestFactory.create(
    AppModule.forRoot({ config, databaseUrl: 'postgres://preview/none', redisUrl: 'redis://preview:6379' }),
    new FastifyAdapter(),
    { preview: true, logger: false },
  );
  applyGlobalPrefix(app);
  const document = buildOpenApiDocument(app);
  const out = join(__dirname, '..', 'dist', 'openapi.json');
  mkdirSync(join(__dirname, '..', 'dist'), { recursive: true });
  writeFileSync(out, JSON.stringify(document, null, 2));
  console.log(`openapi: ${Object.keys(document.paths).length} paths → dist/openapi.json`);
  await app.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
