import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { RequestContext, type Actor } from 'src/common/context/request-context';

export const IS_PUBLIC = 'ansinh:isPublic';
export const REQUIRED_ROLES = 'ansinh:roles';
export const REQUIRED_SCOPES = 'ansinh:scopes';

/** Staff roles. A role applies within the user's agency and its administrative-unit subtree. */
export const ROLES = [
  'ADMIN',
  'RECEPTION_OFFICER',
  'SPECIALIST',
  'LEADER',
  'DATA_OFFICER',
  'REPORT_VIEWER',
  'AUDITOR',
] as const;
export type Role = (typeof ROLES)[number];

/** API-key scopes for machine clients. */
export const API_SCOPES = [
  'dossiers:read',
  'dossiers:write',
  'procedures:read',
  'reports:read',
  'registry:read',
  'registry:write',
  'imports:write',
  'feedback:write',
] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** Marks a route or resolver as reachable without authentication. Every other one requires it. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** Staff roles allowed (any of). ADMIN is not implied: list it when admins may act. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_ROLES, roles);

/** API-key scopes allowed (any of). A route without @Scopes refuses API keys. */
export const Scopes = (...scopes: ApiScope[]): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_SCOPES, scopes);

/** The authenticated caller. */
export const CurrentActor = createParamDecorator((_: unknown, _ctx: ExecutionContext): Actor | undefined =>
  RequestContext.actor(),
);
