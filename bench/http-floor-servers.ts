import 'reflect-metadata';
import { Controller, Get, Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Field, GraphQLModule, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { ApolloServerPlugin } from '@apollo/server' with { 'resolution-mode': 'import' };
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';

/**
 * The floor of the fixed stack for bench/http.bench.ts: the same trivial REST GET and GraphQL query served by an
 * empty Nest application on Fastify (and Apollo Server 5 through @nestjs/apollo), with no authentication, logging,
 * metrics, security headers or request ids. No real service can be faster than these on the same machine, so their
 * ratios to bare node:http bound what the benchmark's goals can ask of An Sinh.
 *
 *   PORT=39303 node -r @swc-node/register bench/http-floor-servers.ts rest|graphql
 */
@Controller('api/v1/system')
class FloorController {
  @Get('whoami')
  whoami(): { kind: string; name: string } {
    return { kind: 'user', name: 'admin' };
  }
}

@ObjectType()
class FloorWhoami {
  @Field() kind!: string;
  @Field() name!: string;
}

@Resolver()
class FloorResolver {
  @Query(() => FloorWhoami)
  whoami(): FloorWhoami {
    return { kind: 'user', name: 'admin' };
  }
}

@Module({})
class FloorModule {
  static forKind(kind: string): DynamicModule {
    if (kind === 'rest') return { module: FloorModule, controllers: [FloorController] };
    return {
      module: FloorModule,
      imports: [
        // Apollo at its leanest, so the floor is a best case: no cache-control instrumentation of resolvers, no
        // reporting plugins, no CSRF header check (An Sinh keeps that one).
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          autoSchemaFile: true,
          playground: false,
          graphiql: false,
          csrfPrevention: false,
          plugins: [
            ApolloServerPluginCacheControlDisabled(),
            ApolloServerPluginUsageReportingDisabled(),
            ApolloServerPluginSchemaReportingDisabled(),
            ApolloServerPluginInlineTraceDisabled(),
          ] as unknown as ApolloServerPlugin[],
        }),
      ],
      providers: [FloorResolver],
    };
  }
}

async function main(): Promise<void> {
  const kind = process.argv[2] ?? 'rest';
  const app = await NestFactory.create<NestFastifyApplication>(
    FloorModule.forKind(kind),
    new FastifyAdapter(),
    {
      logger: false,
    },
  );
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
  await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
}

void main();
