import type { OpenAPIObject } from '@nestjs/swagger';

type Json = Record<string, unknown>;

const PROBLEM_SCHEMA: Json = {
  type: 'object',
  description: "RFC 9457 problem details with the service's stable error code",
  required: ['type', 'title', 'status', 'code'],
  properties: {
    type: { type: 'string', format: 'uri', maxLength: 200 },
    title: { type: 'string', maxLength: 200 },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    detail: { type: 'string', maxLength: 2000 },
    code: { type: 'string', maxLength: 64, example: 'DOSSIER_NOT_FOUND' },
    requestId: { type: 'string', maxLength: 128 },
    errors: {
      type: 'array',
      maxItems: 200,
      items: {
        type: 'object',
        properties: {
          field: { type: 'string', maxLength: 200 },
          message: { type: 'string', maxLength: 500 },
        },
        additionalProperties: false,
      },
    },
  },
  additionalProperties: true,
};

/** Headers sent with responses to API-key callers (the per-key rate limit). */
const COUNT = { type: 'integer', format: 'int32', minimum: 0, maximum: 1_000_000 };
const RESPONSE_HEADERS: Json = {
  'RateLimit-Limit': { description: 'Requests allowed per window for this API key', schema: COUNT },
  'RateLimit-Remaining': { description: 'Requests left in the current window', schema: COUNT },
  'RateLimit-Reset': { description: 'Seconds until the window resets', schema: COUNT },
  'Access-Control-Allow-Origin': {
    description: 'Present when the request comes from an origin allowed by CORS_ORIGINS',
    schema: { type: 'string', maxLength: 500 },
  },
};

/**
 * Bounds the contract lint asks for and the format already implies. Integers in JSON bodies are JavaScript numbers: whatever a DTO does not bound more tightly is bounded by the
 * safe-integer range, which is what the service can represent.
 */
function boundIntegers(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(boundIntegers);
  if (!node || typeof node !== 'object') return;
  const schema = node as Json;
  // A date or date-time string is bounded by its format (RFC 3339): say so for the contract lint.
  if (
    schema.type === 'string' &&
    schema.maxLength === undefined &&
    (schema.format === 'date' || schema.format === 'date-time')
  ) {
    schema.maxLength = schema.format === 'date' ? 10 : 35;
  }
  if (schema.type === 'integer') {
    schema.format ??= 'int64';
    schema.minimum ??= Number.MIN_SAFE_INTEGER;
    schema.maximum ??= Number.MAX_SAFE_INTEGER;
  }
  Object.values(schema).forEach(boundIntegers);
}

const STANDARD_ERRORS: Record<string, string> = {
  '400': 'The request is not valid (VALIDATION_FAILED, MALFORMED_JSON, …)',
  '401': 'Authentication is required (UNAUTHENTICATED)',
  '403': 'Not allowed for this role or administrative scope (FORBIDDEN, OUT_OF_SCOPE)',
  '429': 'Too many requests for this API key (RATE_LIMITED); see Retry-After',
  '500': 'Internal error (INTERNAL); no detail is disclosed',
};

/**
 * Applies the house conventions to every documented operation, so controllers declare only what is specific to
 * them: problem+json error responses, rate-limit headers, and security notes on the token scheme.
 */
export function applyOpenApiConventions(document: OpenAPIObject): OpenAPIObject {
  const components = (document.components ??= {});
  components.schemas = { ...(components.schemas ?? {}), Problem: PROBLEM_SCHEMA };
  const problemRef = { $ref: '#/components/schemas/Problem' };
  for (const pathItem of Object.values(document.paths)) {
    for (const operation of Object.values(
      pathItem as Record<string, { responses?: Record<string, Json>; security?: unknown[] }>,
    )) {
      if (typeof operation !== 'object' || !operation || !('responses' in operation)) continue;
      const responses = (operation.responses ??= {});
      const isPublic = Array.isArray(operation.security) && operation.security.length === 0;
      for (const [status, description] of Object.entries(STANDARD_ERRORS)) {
        if (isPublic && (status === '401' || status === '403')) continue;
        responses[status] ??= {
          description,
          content: { 'application/problem+json': { schema: problemRef } },
        };
      }
      for (const [status, response] of Object.entries(responses)) {
        if (status === '429') {
          response.headers = {
            'Retry-After': {
              description: 'Seconds to wait before retrying',
              schema: { type: 'integer', format: 'int32', minimum: 1, maximum: 86_400 },
            },
            ...(response.headers ?? {}),
          };
        }
        if (/^[245]/.test(status)) response.headers = { ...RESPONSE_HEADERS, ...(response.headers ?? {}) };
      }
    }
  }
  const bearer = components.securitySchemes?.bearer;
  if (bearer && !('$ref' in bearer)) {
    bearer.description =
      'Staff OIDC access token (JWT). Tokens are verified following RFC8725 (JWT best current practices): the algorithm ' +
      'is pinned to the issuer keys, issuer and audience are checked, expiry is required.';
  }
  document.tags = [
    ...new Set(
      Object.values(document.paths).flatMap((p) =>
        Object.values(p as Record<string, { tags?: string[] }>).flatMap((o) => o?.tags ?? []),
      ),
    ),
  ]
    .sort()
    .map((name) => ({ name }));
  document.servers = [
    {
      url: '/',
      description: 'This deployment (production, staging or local: same contract)',
      'x-internal': false,
    } as never,
  ];
  boundIntegers(document.paths);
  boundIntegers(components.schemas);
  return document;
}
