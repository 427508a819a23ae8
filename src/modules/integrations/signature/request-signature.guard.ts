import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { RequestContext } from 'src/common/context/request-context';
import { DomainException } from 'src/common/errors/domain.exception';
import { IntegrationClientsService } from 'src/modules/integrations/signature/integration-clients.service';
import { deferSignature, isMultipartRequest, rawBodyOf } from 'src/modules/integrations/signature/raw-body.hook';
import {
  SIGNATURE_HEADER,
  SIGNATURE_NONCE_HEADER,
  SIGNATURE_TIMESTAMP_HEADER,
  StreamingSignature,
  checkRequestSignature,
  checkSignatureHeaders,
} from 'src/modules/integrations/signature/request-signature';

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Runs after the global auth guard on every integration route. For an API key whose client has a signing secret:
 * a request carrying a signature must match it (method, path with query, timestamp, nonce, raw body), lie within
 * the 5-minute window and carry a nonce not seen before; a client with `signingRequired` must sign every request.
 */
@Injectable()
export class RequestSignatureGuard implements CanActivate {
  constructor(private readonly clients: IntegrationClientsService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const actor = RequestContext.actor();
    if (actor?.kind !== 'api_key') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const client = await this.clients.signingOf(actor.id);
    const signature = header(request, SIGNATURE_HEADER);
    const timestamp = header(request, SIGNATURE_TIMESTAMP_HEADER);
    const nonce = header(request, SIGNATURE_NONCE_HEADER);
    if (!client?.secret) {
      if (client?.required) throw new DomainException('INTEGRATION_SIGNATURE_REQUIRED');
      return true;
    }
    if (!signature && !timestamp && !client.required) return true;
    if (isMultipartRequest(request)) return this.deferBody(request, actor.id, client.secret, { signature, timestamp, nonce });
    const check = checkRequestSignature(client.secret, {
      method: request.method,
      path: request.url,
      body: rawBodyOf(request),
      timestamp,
      nonce,
      signature,
    });
    if (check === 'MISSING') throw new DomainException('INTEGRATION_SIGNATURE_REQUIRED');
    if (check === 'EXPIRED') throw new DomainException('INTEGRATION_SIGNATURE_EXPIRED');
    if (check === 'MISMATCH') throw new DomainException('INTEGRATION_SIGNATURE_INVALID');
    if (!(await this.clients.rememberNonce(actor.id, nonce as string)))
      throw new DomainException('INTEGRATION_SIGNATURE_REPLAYED');
    return true;
  }

  /**
   * A multipart upload is streamed by its handler: the headers (window, nonce, replay) are checked here, before a
   * byte of the body is read; the handler feeds the raw bytes to the signature and refuses the request when it does
   * not match at the end of the body, before anything is committed.
   */
  private async deferBody(
    request: FastifyRequest,
    apiKeyId: string,
    secret: string,
    h: { signature?: string; timestamp?: string; nonce?: string },
  ): Promise<boolean> {
    const check = checkSignatureHeaders(h);
    if (check === 'MISSING') throw new DomainException('INTEGRATION_SIGNATURE_REQUIRED');
    if (check === 'EXPIRED') throw new DomainException('INTEGRATION_SIGNATURE_EXPIRED');
    if (check === 'MISMATCH') throw new DomainException('INTEGRATION_SIGNATURE_INVALID');
    if (!(await this.clients.rememberNonce(apiKeyId, h.nonce as string)))
      throw new DomainException('INTEGRATION_SIGNATURE_REPLAYED');
    deferSignature(
      request,
      new StreamingSignature(
        secret,
        { method: request.method, path: request.url, timestamp: h.timestamp as string, nonce: h.nonce as string },
        h.signature as string,
      ),
    );
    return true;
  }
}
