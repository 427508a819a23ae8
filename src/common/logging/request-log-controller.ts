import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

const QUIET_ROUTES = /^\/(health\/|metrics$)/;

/**
 * One log line per request, when it completes (Fastify's default writes two), and none for probes and scrapes.
 * Only method, URL, status and duration: headers and bodies may carry personal data.
 */
export class RequestLogController extends LogController {
  override incomingRequest(): void {
    // Logged once, at completion.
  }

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (QUIET_ROUTES.test(request.routeOptions.url ?? '')) return;
    const line = {
      reqId: request.id,
      method: request.method,
      url: request.url,
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime),
    };
    if (error) request.log.error({ ...line, err: error }, 'request failed');
    else request.log.info(line, 'request completed');
  }
}
