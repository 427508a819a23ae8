import type { ApolloServerPlugin } from '@apollo/server' with { 'resolution-mode': 'import' };
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Global, Module, type DynamicModule, type Type } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { graphqlLimitsPlugin, aliasLimit, depthRule } from 'src/common/graphql/graphql-limits';
import { formatGraphQLError } from 'src/common/graphql/graphql-error-format';
import { ProblemDetailsFilter } from 'src/common/http/problem-details.filter';
import { createLogger } from 'src/common/logging/logger-options';
import type { Logger } from 'pino';
import { AppConfig } from 'src/config/app-config';
import { buildDataSourceOptions } from 'src/database/data-source-options';
import { FEATURE_MODULES } from 'src/feature-modules';
import { HealthModule } from 'src/modules/health/health.module';
import { QueueModule } from 'src/queue/queue.module';

export interface AppModuleOptions {
  config: AppConfig;
  /** The process logger; created from the config when not given. */
  logger?: Logger;
  databaseUrl: string;
  redisUrl: string;
}

@Global()
@Module({})
class ConfigHolderModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ConfigHolderModule,
      providers: [{ provide: AppConfig, useValue: config }],
      exports: [AppConfig],
    };
  }
}

/** Wires configuration, database, queues, GraphQL and the feature modules. Built per process from resolved settings. */
@Module({})
export class AppModule {
  static forRoot({
    config,
    databaseUrl,
    redisUrl,
    logger = createLogger(config),
  }: AppModuleOptions): DynamicModule {
    const imports: Array<DynamicModule | Type> = [
      ConfigHolderModule.forRoot(config),
      // Nest's Logger writes through this same pino instance. No per-request middleware (`forRoutes: []`): binding
      // the request logger into nestjs-pino's own AsyncLocalStorage cost every request a middleware pass and a
      // second async context; the request id reaches Nest's lines through the logger's mixin (RequestContext).
      LoggerModule.forRoot({ pinoHttp: { logger }, useExisting: true, forRoutes: [] }),
      TypeOrmModule.forRoot({
        ...buildDataSourceOptions({
          url: databaseUrl,
          poolSize: config.database.poolSize,
          statementTimeoutMs: config.database.statementTimeoutMs,
          applicationName: `an-sinh-${config.app.role}`,
        }),
        migrationsRun: false,
      }),
      QueueModule.forRoot(redisUrl),
      GraphQLModule.forRoot<ApolloDriverConfig>({
        driver: ApolloDriver,
        path: '/graphql',
        autoSchemaFile: config.graphql.schemaFile ?? true,
        sortSchema: true,
        introspection: config.graphql.introspection,
        graphiql: config.graphql.sandbox,
        playground: false,
        allowBatchedHttpRequests: false,
        hideSchemaDetailsFromClientErrors: config.isProduction,
        includeStacktraceInErrorResponses: false,
        validationRules: [depthRule(config.graphql.maxDepth), aliasLimit(config.graphql.maxAliases)],
        plugins: [
          // No field sets cache hints; without this, Apollo wraps every resolver to collect them. (The cast bridges
          // the CommonJS and ESM declarations of the same plugin type.)
          ApolloServerPluginCacheControlDisabled() as unknown as ApolloServerPlugin,
          graphqlLimitsPlugin({
            maxCost: config.graphql.maxCost,
            maxQueryBytes: config.graphql.maxQueryBytes,
          }),
        ],
        formatError: formatGraphQLError,
        context: (request: unknown, reply: unknown) => ({ req: request, reply }),
      }),
      HealthModule,
      ...FEATURE_MODULES,
    ];
    return {
      module: AppModule,
      imports,
      providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
    };
  }
}
