import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Global, Module, type DynamicModule, type Type } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { graphqlLimitsPlugin, aliasLimit, depthRule } from 'src/common/graphql/graphql-limits';
import { formatGraphQLError } from 'src/common/graphql/graphql-error-format';
import { ProblemDetailsFilter } from 'src/common/http/problem-details.filter';
import { buildLoggerOptions } from 'src/common/logging/logger-options';
import { AppConfig } from 'src/config/app-config';
import { buildDataSourceOptions } from 'src/database/data-source-options';
import { FEATURE_MODULES } from 'src/feature-modules';
import { HealthModule } from 'src/modules/health/health.module';
import { QueueModule } from 'src/queue/queue.module';

export interface AppModuleOptions {
  config: AppConfig;
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
  static forRoot({ config, databaseUrl, redisUrl }: AppModuleOptions): DynamicModule {
    const imports: Array<DynamicModule | Type> = [
      ConfigHolderModule.forRoot(config),
      LoggerModule.forRoot({
        pinoHttp: {
          ...buildLoggerOptions(config.app.logLevel, config.app.logFormat),
          genReqId: (req) => String(req.headers['x-request-id'] ?? ''),
          autoLogging: { ignore: (req) => /^\/(health|metrics)/.test(req.url ?? '') },
          serializers: {
            req: (req: { id: string; method: string; url: string }) => ({
              id: req.id,
              method: req.method,
              url: req.url,
            }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
          },
          quietReqLogger: true,
        },
      }),
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
