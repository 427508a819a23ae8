import { PassThrough, type Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainException } from 'src/common/errors/domain.exception';
import type { StreamingSignature } from 'src/modules/integrations/signature/request-signature';

export const INTEGRATIONS_PATH = '/api/v1/integrations';

interface RawCarrier {
  integrationRawBody?: Buffer;
  integrationStreamedSignature?: StreamingSignature;
}

/** The raw request body captured for signature checks (empty for bodiless requests). */
export function rawBodyOf(request: { raw?: unknown }): Buffer {
  return (request.raw as RawCarrier | undefined)?.integrationRawBody ?? Buffer.alloc(0);
}

/** A multipart upload: its body is streamed by the handler, never captured here. */
export function isMultipartRequest(request: {
  headers: Record<string, string | string[] | undefined>;
}): boolean {
  const type = request.headers['content-type'];
  return typeof type === 'string' && type.toLowerCase().startsWith('multipart/form-data');
}

/** The signature guard leaves the body part of a multipart request's signature to the handler that streams it. */
export function deferSignature(request: { raw?: unknown }, signature: StreamingSignature): void {
  (request.raw as RawCarrier).integrationStreamedSignature = signature;
}

/** The signature the streaming handler must feed and check (none when the client does not sign). */
export function deferredSignatureOf(request: { raw?: unknown }): StreamingSignature | undefined {
  return (request.raw as RawCarrier | undefined)?.integrationStreamedSignature;
}

/**
 * A preParsing hook on /api/v1/integrations only: tees the body stream so the exact bytes the client signed are
 * kept next to the parsed body, and refuses bodies above `maxBytes` with 413 problem+json (by Content-Length
 * up front, and by counting bytes for chunked uploads) before anything is buffered further. Multipart uploads are
 * not touched (their handler streams them to the file store, counting and signing as it reads) beyond refusing a
 * declared length above `multipartMaxBytes`.
 */
export function installIntegrationBodyHook(
  fastify: FastifyInstance,
  maxBytes: number,
  multipartMaxBytes: number,
): void {
  // Callback style: the hook runs for every request of the API, and an async hook costs each one a promise.
  fastify.addHook('preParsing', (request: FastifyRequest, _reply, payload: Readable, done) => {
    if (!request.url.startsWith(INTEGRATIONS_PATH)) {
      done(null, payload);
      return;
    }
    try {
      done(null, captureIntegrationBody(request, payload, maxBytes, multipartMaxBytes));
    } catch (error) {
      done(error as Error);
    }
  });
}

function captureIntegrationBody(
  request: FastifyRequest,
  payload: Readable,
  maxBytes: number,
  multipartMaxBytes: number,
): Readable {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (isMultipartRequest(request)) {
    if (declared > multipartMaxBytes)
      throw new DomainException(
        'PAYLOAD_TOO_LARGE',
        `Multipart uploads are limited to ${multipartMaxBytes} bytes`,
        {
          maxBytes: multipartMaxBytes,
        },
      );
    return payload;
  }
  if (declared > maxBytes)
    throw new DomainException('PAYLOAD_TOO_LARGE', `Integration requests are limited to ${maxBytes} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  const tee = new PassThrough();
  payload.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > maxBytes) {
      const error = Object.assign(new Error('Request body is too large'), {
        code: 'FST_ERR_CTP_BODY_TOO_LARGE',
        statusCode: 413,
      });
      tee.destroy(error);
      payload.destroy();
      return;
    }
    chunks.push(chunk);
    tee.write(chunk);
  });
  payload.on('end', () => {
    (request.raw as RawCarrier).integrationRawBody = Buffer.concat(chunks);
    tee.end();
  });
  payload.on('error', (error) => tee.destroy(error));
  return tee;
}
