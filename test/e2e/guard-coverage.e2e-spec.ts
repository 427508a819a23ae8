import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isInterfaceType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';
import request from 'supertest';
import { IS_PUBLIC, REQUIRED_ROLES, REQUIRED_SCOPES } from 'src/common/auth/auth.decorators';
import { API_PREFIX } from 'src/create-app';
import { createTestApp } from 'test/utils/test-app';

const UNPREFIXED = new Set(['health/live', 'health/ready', 'metrics', '.well-known/jwks.json']);
const DUMMY_ID = '00000000-0000-4000-8000-000000000000';

interface Route {
  method: string;
  path: string;
  isPublic: boolean;
  hasRoleDecision: boolean;
  name: string;
}

/** A literal for a GraphQL input type: just enough to pass validation so the guard is what answers. */
function literal(type: GraphQLInputType): string {
  if (isNonNullType(type)) return literal(type.ofType);
  if (isListType(type)) return `[${literal(type.ofType)}]`;
  if (isEnumType(type)) return type.getValues()[0].name;
  if (isInputObjectType(type)) {
    const required = Object.values(type.getFields()).filter((f) => isNonNullType(f.type) && f.defaultValue === undefined);
    return `{ ${required.map((f) => `${f.name}: ${literal(f.type)}`).join(', ')} }`;
  }
  switch (type.name) {
    case 'Int':
    case 'Float':
      return '1';
    case 'Boolean':
      return 'false';
    case 'DateTime':
      return '"2026-01-01T00:00:00.000Z"';
    default:
      return `"${DUMMY_ID}"`;
  }
}

function operation(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): string {
  const args = field.args.filter((a: GraphQLArgument) => isNonNullType(a.type));
  const argText = args.length ? `(${args.map((a) => `${a.name}: ${literal(a.type)}`).join(', ')})` : '';
  const named = getNamedType(field.type);
  const selection = isObjectType(named) || isInterfaceType(named) || isUnionType(named) ? ' { __typename }' : '';
  return `${kind} { ${field.name}${argText}${selection} }`;
}

describe('every REST route and GraphQL root field has a guard decision', () => {
  let app: NestFastifyApplication;
  const routes: Route[] = [];
  const resolvers: Array<{ kind: string; name: string; isPublic: boolean; hasRoleDecision: boolean }> = [];

  beforeAll(async () => {
    app = await createTestApp();
    const reflector = app.get(Reflector);
    const scanner = new MetadataScanner();
    const discovery = new DiscoveryService(app.get(ModulesContainer));
    const decision = (targets: Array<object>) => ({
      isPublic: !!reflector.getAllAndOverride(IS_PUBLIC, targets as never),
      hasRoleDecision: !!(
        reflector.getAllAndOverride(REQUIRED_ROLES, targets as never) ??
        reflector.getAllAndOverride(REQUIRED_SCOPES, targets as never)
      ),
    });
    for (const wrapper of discovery.getControllers()) {
      const instance = wrapper.instance as object | undefined;
      if (!instance) continue;
      const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
      const base = String(Reflect.getMetadata(PATH_METADATA, instance.constructor) ?? '');
      for (const methodName of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[methodName] as object;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined) continue;
        const sub = String(Reflect.getMetadata(PATH_METADATA, handler) ?? '');
        const joined = [base, sub].map((p) => p.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/');
        const path = `/${UNPREFIXED.has(joined) ? joined : `${API_PREFIX}/${joined}`}`.replace(/:[A-Za-z]+/g, DUMMY_ID);
        routes.push({
          method: RequestMethod[method],
          path,
          name: `${instance.constructor.name}.${methodName}`,
          ...decision([handler, instance.constructor]),
        });
      }
    }
    for (const wrapper of discovery.getProviders()) {
      const instance = wrapper.instance as object | undefined;
      if (!instance || typeof instance !== 'object' || !instance.constructor) continue;
      const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
      for (const methodName of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[methodName] as object;
        const kind = Reflect.getMetadata('graphql:resolver_type', handler) as string | undefined;
        if (kind !== 'Query' && kind !== 'Mutation' && kind !== 'Subscription') continue;
        resolvers.push({ kind, name: `${instance.constructor.name}.${methodName}`, ...decision([handler, instance.constructor]) });
      }
    }
  });
  afterAll(async () => app.close());

  it('found the routes and resolvers to check', () => {
    expect(routes.length).toBeGreaterThan(5);
    expect(resolvers.some((r) => r.name === 'SystemResolver.whoami')).toBe(true);
  });

  it('every REST route answers 401 without credentials unless it is @Public', async () => {
    const failures: string[] = [];
    for (const route of routes.filter((r) => !r.isPublic)) {
      const verb = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
      const res = await request(app.getHttpServer())[verb](route.path).send({});
      if (res.status !== 401) failures.push(`${route.method} ${route.path} (${route.name}) → ${res.status}`);
    }
    expect(failures).toEqual([]);
  });

  it('every REST write and GraphQL mutation names its roles (or scopes), or is @Public', () => {
    const missing = [
      ...routes.filter((r) => r.method !== 'GET' && !r.isPublic && !r.hasRoleDecision).map((r) => `${r.method} ${r.path} (${r.name})`),
      ...resolvers.filter((r) => r.kind === 'Mutation' && !r.isPublic && !r.hasRoleDecision).map((r) => r.name),
    ];
    expect(missing).toEqual([]);
  });

  it('every GraphQL query and mutation answers UNAUTHENTICATED without credentials unless @Public', async () => {
    const schema = app.get(GraphQLSchemaHost).schema;
    const publicNames = new Set(resolvers.filter((r) => r.isPublic).map((r) => r.name.split('.')[1]));
    const failures: string[] = [];
    for (const [kind, type] of [
      ['query', schema.getQueryType()],
      ['mutation', schema.getMutationType()],
    ] as const) {
      for (const field of Object.values(type?.getFields() ?? {})) {
        if (publicNames.has(field.name)) continue;
        const res = await request(app.getHttpServer()).post('/graphql').send({ query: operation(kind, field) });
        const code = res.body.errors?.[0]?.extensions?.code;
        if (code !== 'UNAUTHENTICATED') failures.push(`${kind} ${field.name} → ${code ?? res.status}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
