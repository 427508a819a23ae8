import pino, { type Logger, type LoggerOptions } from 'pino';
import { RequestContext } from 'src/common/context/request-context';
import type { AppConfig } from 'src/config/app-config';

/**
 * Paths pino removes from every log line. Citizen ID numbers, phone numbers, bank accounts and tokens must never
 * reach a log, whatever object carries them: request headers, bodies echoed in errors, job payloads.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.token',
  '*.accessToken',
  '*.apiKey',
  '*.secret',
  '*.citizenId',
  '*.cccd',
  '*.idNumber',
  '*.phone',
  '*.phoneNumber',
  '*.bankAccount',
  '*.accountNumber',
  '*.*.citizenId',
  '*.*.cccd',
  '*.*.phone',
  '*.*.accountNumber',
  'body.applicant',
  'payload.applicant',
];

/**
 * Adds the request id to lines logged inside a request through the root logger (Nest's Logger in services, which
 * nestjs-pino routes to the root logger) and through Fastify's `request.log`, which is the root logger too
 * (createApp: no per-request child). Lines that name their own `reqId` (request completion) keep it.
 * Runs only for lines that pass the level filter.
 */
function requestIdMixin(merge: object, _level: number, logger: Logger): object {
  const reqId = RequestContext.requestId();
  if (reqId === undefined || 'reqId' in merge || 'reqId' in logger.bindings()) return {};
  return { reqId };
}

export function buildLoggerOptions(level: string, format: 'json' | 'pretty'): LoggerOptions {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
    base: { service: 'an-sinh' },
    mixin: requestIdMixin,
    ...(format === 'pretty'
      ? {
          transport: {
            target: 'pino-pretty',
            options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l' },
          },
        }
      : {}),
  };
}

export function createLogger(config: AppConfig): Logger {
  return pino(buildLoggerOptions(config.app.logLevel, config.app.logFormat));
}
