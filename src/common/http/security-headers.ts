import helmet, { type HelmetOptions } from 'helmet';

/** Helmet's defaults for a JSON API: no CSP (Swagger UI inlines its scripts) and no COEP. */
const HELMET_OPTIONS: Readonly<HelmetOptions> = { contentSecurityPolicy: false, crossOriginEmbedderPolicy: false };

/**
 * The headers helmet sets, computed once by running its middleware against a recording response. With these options
 * every header is a constant (none depends on the request), so the onRequest hook copies one frozen object instead
 * of running eleven middleware functions per request: the per-request cost of @fastify/helmet was about a tenth of
 * a small authenticated request's CPU (docs/http-performance.md).
 */
export function securityHeaders(options: Readonly<HelmetOptions> = HELMET_OPTIONS): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]): void {
      if (typeof value !== 'string') throw new Error(`helmet set ${name} to a non-string value`);
      headers[name.toLowerCase()] = value;
    },
    removeHeader(): void {
      // X-Powered-By: Fastify never sets it.
    },
  };
  let failure: Error | undefined;
  helmet(options)({} as never, recorder as never, (error?: unknown) => {
    if (error) failure = error instanceof Error ? error : new Error('helmet refused its options');
  });
  if (failure) throw failure;
  return Object.freeze(headers);
}
