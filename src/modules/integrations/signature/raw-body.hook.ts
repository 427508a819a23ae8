import { PassThrough, type Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainException } from 'src/common/errors/domain.exception';

export const INTEGRATIONS_PATH = '/api/v1/integrations';

interface RawCarrier {
  integrationRawBody?: Buffer;
}

/** The raw request body captured for signature checks (empty for bodiless requests). */
export function rawBodyOf(request: { raw?: unknown }): Buffer {
  return (request.raw as RawCarrier | undefined)?.integrationRawBody ?? Buffer.alloc(0);
}

/**
 * A preParsing hook on /api/v1/integrations only: tees the body stream so the exact bytes the client signed are
 * kept next to the parsed body, and refuses bodies above `maxBytes` with 413 problem+json (by Content-Length
 * up front, and by counting bytes for chunked uploads) before anything is buffered further.
 */
export function installIntegrationBodyHook(fastify: FastifyInstance, maxBytes: number): void {
  fastify.addHook('preParsing', async (request: FastifyRequest, _reply, payload: Readable) => {
    if (!request.url.startsWith(INTEGRATIONS_PATH)) return payload;
    const declared = Number(request.headers['content-length'] ?? 0);
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
  });
}
