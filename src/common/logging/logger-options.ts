import pino, { type Logger, type LoggerOptions } from 'pino';
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

export function buildLoggerOptions(level: string, format: 'json' | 'pretty'): LoggerOptions {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
    base: { service: 'an-sinh' },
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
