import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import {
  IS_PUBLIC,
  REQUIRED_ROLES,
  REQUIRED_SCOPES,
  type ApiScope,
  type Role,
} from 'src/common/auth/auth.decorators';
import { RequestContext, type Actor } from 'src/common/context/request-context';
import { DomainException } from 'src/common/errors/domain.exception';
import { CredentialsService } from 'src/modules/organisation/auth/credentials.service';

interface AuthRequest {
  headers: Record<string, string | string[] | undefined>;
  ansinhActor?: Promise<Actor>;
}

const BEARER = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/;

/**
 * The global guard (APP_GUARD) for REST and GraphQL. @Public() skips authentication; otherwise the caller must
 * present a staff bearer token or an `x-api-key`. @Roles applies to staff, @Scopes to API keys: a route without
 * @Scopes refuses API keys. The actor is resolved once per request (GraphQL runs the guard per root field).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly credentials: CredentialsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = this.request(context);
    if (!request) throw new DomainException('UNAUTHENTICATED');
    request.ansinhActor ??= this.authenticate(request);
    const actor = await request.ansinhActor;
    RequestContext.setActor(actor);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    const scopes = this.reflector.getAllAndOverride<ApiScope[] | undefined>(REQUIRED_SCOPES, targets);
    if (actor.kind === 'api_key') {
      if (!scopes || !scopes.some((s) => actor.scopes.includes(s)))
        throw new DomainException(
          'FORBIDDEN',
          scopes ? `This API key needs one of the scopes: ${scopes.join(', ')}` : 'API keys may not call this',
        );
      return true;
    }
    if (roles && !roles.some((r) => actor.roles.includes(r)))
      throw new DomainException('FORBIDDEN', `This needs one of the roles: ${roles.join(', ')}`);
    return true;
  }

  private request(context: ExecutionContext): AuthRequest | undefined {
    if (context.getType<GqlContextType>() === 'graphql') {
      return GqlExecutionContext.create(context).getContext<{ req?: AuthRequest }>().req;
    }
    return context.switchToHttp().getRequest<AuthRequest>();
  }

  private async authenticate(request: AuthRequest): Promise<Actor> {
    const apiKey = request.headers['x-api-key'];
    const authorization = request.headers.authorization;
    if (typeof apiKey === 'string' && apiKey !== '') {
      if (authorization) throw new DomainException('BAD_REQUEST', 'Send either a bearer token or an API key');
      return this.credentials.fromApiKey(apiKey);
    }
    if (typeof authorization === 'string') {
      const match = BEARER.exec(authorization);
      if (!match) throw new DomainException('UNAUTHENTICATED', 'The Authorization header must be "Bearer <token>"');
      return this.credentials.fromBearer(match[1]);
    }
    throw new DomainException('UNAUTHENTICATED');
  }
}
