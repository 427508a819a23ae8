import type { GraphQLFormattedError } from 'graphql';
import { RequestContext } from 'src/common/context/request-context';
import { ERROR_CATALOG, isErrorCode, type ErrorCode } from 'src/common/errors/error-catalog';

const APOLLO_CODES: Record<string, ErrorCode> = {
  GRAPHQL_PARSE_FAILED: 'GRAPHQL_INVALID',
  GRAPHQL_VALIDATION_FAILED: 'GRAPHQL_INVALID',
  BAD_USER_INPUT: 'VALIDATION_FAILED',
  PERSISTED_QUERY_NOT_SUPPORTED: 'GRAPHQL_INVALID',
  OPERATION_RESOLUTION_FAILURE: 'GRAPHQL_INVALID',
  BAD_REQUEST: 'BAD_REQUEST',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
};

/**
 * Every GraphQL error leaves with a catalog `code`, its HTTP-equivalent `status` and the `requestId`. Anything
 * not recognised becomes INTERNAL with a generic message: no stack, no SQL.
 */
export function formatGraphQLError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const raw = formatted.extensions?.reason ?? formatted.extensions?.code;
  let code: ErrorCode = isErrorCode(raw) ? raw : (APOLLO_CODES[String(raw)] ?? 'INTERNAL');
  // graphql-depth-limit raises a plain validation error; recognise it by its message.
  if (code === 'GRAPHQL_INVALID' && /exceeds maximum operation depth/.test(formatted.message))
    code = 'GRAPHQL_QUERY_TOO_COMPLEX';
  const {
    stacktrace: _stack,
    exception: _exception,
    reason: _reason,
    ...extensions
  } = formatted.extensions ?? {};
  return {
    message: code === 'INTERNAL' ? ERROR_CATALOG.INTERNAL.title : formatted.message,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: {
      ...extensions,
      code,
      status: ERROR_CATALOG[code].status,
      requestId: extensions.requestId ?? RequestContext.requestId(),
    },
  };
}
