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
  /** The caller, once known; a promise while it is being resolved (GraphQL runs the guard per root field). */
  ansinhActor?: Actor | Promise<Actor>;
}

/** What a handler's decorators require; fixed per handler, so read once rather than on every request. */
interface AccessRules {
  isPublic: boolean;
  roles: Role[] | undefined;
  scopes: ApiScope[] | undefined;
}

const BEARER = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/;

/**
 * The global guard (APP_GUARD) for REST and GraphQL. @Public() skips authentication; otherwise the caller must
 * present a staff bearer token or an `x-api-key`. @Roles applies to staff, @Scopes to API keys: a route without
 * @Scopes refuses API keys. The actor is resolved once per request (GraphQL runs the guard per root field).
 *
 * A repeat bearer (token verified and staff row cached by this process) is answered synchronously: Nest awaits
 * nothing for a guard that returns a boolean, and on Node 20 every promise on a request's path also pays the
 * async-context hooks.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly rules = new WeakMap<object, WeakMap<object, AccessRules>>();

  constructor(
    private readonly reflector: Reflector,
    private readonly credentials: CredentialsService,
  ) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const rules = this.rulesOf(context);
    if (rules.isPublic) return true;
    const request = this.request(context);
    if (!request) throw new DomainException('UNAUTHENTICATED');
    const known = (request.ansinhActor ??= this.authenticate(request));
    if (!(known instanceof Promise)) return this.authorise(known, rules);
    return known.then((actor) => {
      request.ansinhActor = actor;
      return this.authorise(actor, rules);
    });
  }

  private authorise(actor: Actor, { roles, scopes }: AccessRules): boolean {
    RequestContext.setActor(actor);
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

  private rulesOf(context: ExecutionContext): AccessRules {
    const handler = context.getHandler();
    const type = context.getClass();
    let byHandler = this.rules.get(type);
    if (!byHandler) this.rules.set(type, (byHandler = new WeakMap()));
    let rules = byHandler.get(handler);
    if (!rules) {
      const targets = [handler, type];
      rules = {
        isPublic: this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) === true,
        roles: this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets),
        scopes: this.reflector.getAllAndOverride<ApiScope[] | undefined>(REQUIRED_SCOPES, targets),
      };
      byHandler.set(handler, rules);
    }
    return rules;
  }

  private request(context: ExecutionContext): AuthRequest | undefined {
    if (context.getType<GqlContextType>() === 'graphql') {
      return GqlExecutionContext.create(context).getContext<{ req?: AuthRequest }>().req;
    }
    return context.switchToHttp().getRequest<AuthRequest>();
  }

  /** The caller: synchronously for a repeat bearer, otherwise a promise (a refusal is a rejected promise). */
  private authenticate(request: AuthRequest): Actor | Promise<Actor> {
    const apiKey = request.headers['x-api-key'];
    const authorization = request.headers.authorization;
    if (typeof apiKey === 'string' && apiKey !== '') {
      if (authorization)
        return Promise.reject(new DomainException('BAD_REQUEST', 'Send either a bearer token or an API key'));
      return this.credentials.fromApiKey(apiKey);
    }
    if (typeof authorization === 'string') {
      const match = BEARER.exec(authorization);
      if (!match)
        return Promise.reject(
          new DomainException('UNAUTHENTICATED', 'The Authorization header must be "Bearer <token>"'),
        );
      return this.credentials.fromCachedBearer(match[1]) ?? this.credentials.fromBearer(match[1]);
    }
    return Promise.reject(new DomainException('UNAUTHENTICATED'));
  }
}
