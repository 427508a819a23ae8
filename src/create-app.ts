import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { RequestMethod, type INestApplication } from '@nestjs/common';
import type { FastifyBaseLogger } from 'fastify';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule, type AppModuleOptions } from 'src/app.module';
import { RequestContext } from 'src/common/context/request-context';
import { toProblem } from 'src/common/errors/problem';
import { createLogger } from 'src/common/logging/logger-options';
import { RequestLogController } from 'src/common/logging/request-log-controller';
import { applyOpenApiConventions } from 'src/common/http/openapi-conventions';
import { securityHeaders } from 'src/common/http/security-headers';
import { createValidationPipe } from 'src/common/validation/validation.pipe';
import { MetricsService } from 'src/modules/health/metrics.service';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
export const API_PREFIX = 'api/v1';

/**
 * Builds the Nest application on Fastify with every cross-cutting concern: request ids, problem+json for errors
 * Fastify raises itself (body too large, bad JSON), helmet's headers, CORS, validation, OpenAPI, metrics.
 */
export async function createApp(options: AppModuleOptions): Promise<NestFastifyApplication> {
  const { config } = options;
  const logger = options.logger ?? createLogger(config);
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    // No per-request child logger: with the redaction list, pino's child() runs the redactor over its bindings on
    // every request. The request id reaches each line through the logger's mixin (RequestContext) or explicitly.
    childLoggerFactory: (root: FastifyBaseLogger) => root,
    logController: new RequestLogController(),
    bodyLimit: config.app.bodyLimitBytes,
    requestTimeout: config.app.requestTimeoutMs,
    connectionTimeout: config.app.requestTimeoutMs,
    trustProxy: config.isProduction,
    genReqId: (req: IncomingMessage) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      req.headers['x-request-id'] = id;
      return id;
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot({ ...options, logger }),
    adapter,
    {
      bufferLogs: true,
      abortOnError: false,
    },
  );
  app.useLogger(app.get(Logger));
  const fastify = app.getHttpAdapter().getInstance();

  // Callback-style hooks: an async hook costs each request a promise and its async-context bookkeeping.
  const headers = securityHeaders();
  fastify.addHook('onRequest', (request, reply, done) => {
    const requestId = String(request.id);
    void reply.headers(headers).header('x-request-id', requestId);
    RequestContext.run({ requestId, ip: request.ip }, done);
  });
  const metrics = app.get(MetricsService);
  fastify.addHook('onResponse', (request, reply, done) => {
    metrics.observeHttp(
      request.method,
      request.routeOptions.url ?? 'unmatched',
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
    done();
  });
  fastify.setErrorHandler((error, request, reply) => {
    const { problem, unexpected } = toProblem(error, String(request.id));
    if (unexpected) request.log.error({ reqId: request.id, err: error }, 'Unexpected error');
    void reply
      .status(problem.status)
      .header('content-type', 'application/problem+json; charset=utf-8')
      .send(problem);
  });

  // Without configured origins no CORS header is ever sent, so the plugin (a hook on every request) is left out.
  if (config.app.corsOrigins.length > 0) app.enableCors({ origin: config.app.corsOrigins, credentials: false });
  app.useGlobalPipes(createValidationPipe());
  applyGlobalPrefix(app);

  SwaggerModule.setup('api/docs', app, buildOpenApiDocument(app), {
    jsonDocumentUrl: `${API_PREFIX}/openapi.json`,
  });
  return app;
}

/** REST lives under /api/v1; probes, metrics and the dev issuer's JWKS stay at the root. */
export function applyGlobalPrefix(app: INestApplication): void {
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'health/live', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
      { path: 'metrics', method: RequestMethod.GET },
      { path: '.well-known/jwks.json', method: RequestMethod.GET },
    ],
  });
}

/** The OpenAPI document of every REST route (served at /api/v1/openapi.json, exported for Spectral in CI). */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const openApi = new DocumentBuilder()
    .setTitle('An Sinh API')
    .setDescription(
      'Public services of a provincial labour, meritorious-people and social-affairs department. ' +
        'Errors are RFC 9457 application/problem+json with a stable `code`.',
    )
    .setVersion('1')
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description: 'Staff OIDC access token',
    })
    .addApiKey(
      { type: 'apiKey', in: 'header', name: 'x-api-key', description: 'Machine-client API key' },
      'api-key',
    )
    .build();
  return applyOpenApiConventions(SwaggerModule.createDocument(app, openApi));
}
