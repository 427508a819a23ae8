import { HttpException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { DomainException } from 'src/common/errors/domain.exception';
import { ERROR_CATALOG, type ErrorCode } from 'src/common/errors/error-catalog';

/** An RFC 9457 problem document, with the service's stable `code` and the request id. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: ErrorCode;
  requestId?: string;
  [extension: string]: unknown;
}

export const PROBLEM_TYPE_BASE = 'https://an-sinh.gov.vn/problems/';

function fromCode(
  code: ErrorCode,
  detail?: string,
  extensions: Record<string, unknown> = {},
): Omit<Problem, 'requestId'> {
  const entry = ERROR_CATALOG[code];
  return {
    type: `${PROBLEM_TYPE_BASE}${code.toLowerCase().replace(/_/g, '-')}`,
    title: entry.title,
    status: entry.status,
    ...(detail ? { detail } : {}),
    code,
    ...extensions,
  };
}

const STATUS_TO_CODE: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'ROUTE_NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

/** PostgreSQL error codes that are the caller's fault or a transient condition, not a bug. */
function fromDatabase(
  error: QueryFailedError & { code?: string; constraint?: string },
): Omit<Problem, 'requestId'> | undefined {
  const constraint = error.constraint ? `constraint ${error.constraint}` : undefined;
  switch (error.code) {
    case '23505':
      return fromCode('UNIQUE_VIOLATION', constraint);
    case '23503':
      return fromCode('REFERENCE_VIOLATION', constraint);
    case '23514':
    case '23502':
    case '22001':
    case '22003':
    case '22007':
    case '22008':
    case '22P02':
      return fromCode('CONSTRAINT_VIOLATION', constraint);
    case '57014':
      return fromCode('DATABASE_TIMEOUT');
    case '40001':
    case '40P01':
      return fromCode('CONFLICT', 'Concurrent update; retry the request');
    default:
      return undefined;
  }
}

interface ErrorWithStatus {
  statusCode?: number;
  code?: string;
  message?: string;
}

/**
 * Turns anything thrown into a problem document. Unknown errors become a bare 500 with no message, stack or SQL:
 * those go to the log, not to the caller.
 */
export function toProblem(error: unknown, requestId?: string): { problem: Problem; unexpected: boolean } {
  let base: Omit<Problem, 'requestId'> | undefined;
  if (error instanceof DomainException) {
    base = fromCode(error.code, error.detail, error.extensions);
  } else if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const message = typeof response === 'string' ? response : (response as { message?: unknown }).message;
    const detail = typeof message === 'string' ? message : undefined;
    base =
      status === 400 && detail && /not valid JSON|Unexpected token|JSON/.test(detail)
        ? fromCode('MALFORMED_JSON')
        : fromCode(STATUS_TO_CODE[status] ?? (status >= 500 ? 'INTERNAL' : 'BAD_REQUEST'), detail);
  } else if (error instanceof QueryFailedError) {
    base = fromDatabase(error as QueryFailedError & { code?: string; constraint?: string });
  } else if (typeof error === 'object' && error !== null) {
    const e = error as ErrorWithStatus;
    if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') base = fromCode('PAYLOAD_TOO_LARGE');
    else if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') base = fromCode('UNSUPPORTED_MEDIA_TYPE');
    else if (
      e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
      e.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
      (e.statusCode === 400 && e instanceof SyntaxError)
    )
      base = fromCode('MALFORMED_JSON');
    else if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500)
      base = fromCode(STATUS_TO_CODE[e.statusCode] ?? 'BAD_REQUEST', e.message);
  }
  const unexpected = base === undefined;
  const body = (base ?? fromCode('INTERNAL')) as Problem;
  return { problem: requestId ? { ...body, requestId } : body, unexpected };
}
