import { ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { GqlContextType } from '@nestjs/graphql';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import { RequestContext } from 'src/common/context/request-context';
import { toProblem } from 'src/common/errors/problem';

/**
 * The single exception filter. REST answers `application/problem+json`; GraphQL gets a GraphQLError whose
 * extensions carry the same `code`, `status` and `requestId`.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<GqlContextType>() === 'graphql') {
      return toGraphQLError(exception, this.logger);
    }
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const { problem, unexpected } = toProblem(exception, String(request.id));
    if (unexpected) this.logger.error({ err: exception, requestId: request.id }, 'Unexpected error');
    if (problem.status === 429 && typeof problem.retryAfterSeconds === 'number') {
      void reply.header('retry-after', String(problem.retryAfterSeconds));
    }
    void reply
      .status(problem.status)
      .header('content-type', 'application/problem+json; charset=utf-8')
      .send(problem);
    return undefined;
  }
}

export function toGraphQLError(exception: unknown, logger: Logger): GraphQLError {
  if (
    exception instanceof GraphQLError &&
    typeof exception.extensions.code === 'string' &&
    exception.extensions.status
  )
    return exception;
  const { problem, unexpected } = toProblem(exception, RequestContext.requestId());
  if (unexpected)
    logger.error({ err: exception, requestId: problem.requestId }, 'Unexpected error in GraphQL');
  const { type: _type, title, detail, status, code, requestId, ...rest } = problem;
  return new GraphQLError(detail ?? title, {
    extensions: { code, status, requestId, ...rest },
  });
}
