// Nest's Apollo driver is ESM: take the plugin type from the same (ESM) declarations it uses.
import type { ApolloServerPlugin } from '@apollo/server' with { 'resolution-mode': 'import' };
import depthLimit from 'graphql-depth-limit';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { GraphQLError, type ASTVisitor, type ValidationContext, type ValidationRule } from 'graphql';
import { DEFAULT_PAGE_SIZE } from 'src/common/pagination/pagination';

function tooComplex(message: string): GraphQLError {
  // Apollo rewrites `code` on validation errors; `reason` survives and the error formatter prefers it.
  return new GraphQLError(message, {
    extensions: { code: 'GRAPHQL_QUERY_TOO_COMPLEX', reason: 'GRAPHQL_QUERY_TOO_COMPLEX', status: 400 },
  });
}

/** Refuses documents with more than `max` aliased fields (alias amplification: one field asked for 1,000 times). */
export function aliasLimit(max: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    let aliases = 0;
    return {
      Field(node) {
        if (node.alias && ++aliases === max + 1) {
          context.reportError(tooComplex(`The operation uses more than ${max} aliases`));
        }
      },
    };
  };
}

// The package's own typings return `any`; its result is a standard validation rule.
const typedDepthLimit = depthLimit as unknown as (maxDepth: number) => ValidationRule;

export function depthRule(max: number): ValidationRule {
  return typedDepthLimit(max);
}

/** A list field costs its children times the page asked for (`first`), or the default page size. */
const pagedListEstimator: ComplexityEstimator = ({ args, childComplexity, field }) => {
  const first = typeof args.first === 'number' ? args.first : undefined;
  const isConnection = field.args.some((a) => a.name === 'first');
  if (!isConnection) return undefined;
  return 1 + childComplexity * (first ?? DEFAULT_PAGE_SIZE);
};

/**
 * Bounds what one request may ask for: its size in bytes (before parsing) and its estimated cost (after the
 * operation is resolved against the schema). Batched HTTP requests are off in the server options.
 */
export function graphqlLimitsPlugin(options: { maxCost: number; maxQueryBytes: number }): ApolloServerPlugin {
  return {
    async requestDidStart(requestContext) {
      const query = requestContext.request.query ?? '';
      if (Buffer.byteLength(query, 'utf8') > options.maxQueryBytes) {
        throw tooComplex(`The query is larger than ${options.maxQueryBytes} bytes`);
      }
      return {
        async didResolveOperation({ request, document, schema }) {
          const cost = getComplexity({
            schema,
            query: document,
            variables: request.variables ?? {},
            operationName: request.operationName ?? undefined,
            estimators: [pagedListEstimator, simpleEstimator({ defaultComplexity: 1 })],
          });
          if (cost > options.maxCost) {
            throw tooComplex(`The operation costs ${cost}, more than the limit of ${options.maxCost}`);
          }
        },
      };
    },
  };
}
