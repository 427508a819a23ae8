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
 * Costs already computed, per parsed document (Apollo's document store hands the same DocumentNode object to every
 * request with the same query text, and the schema does not change at run time), operation and variables: a
 * front end sends the same few operations over and over, and walking the document against the schema cost more
 * than executing a small query.
 */
export class OperationCostCache {
  private static readonly MAX_VARIANTS = 64;
  private readonly byDocument = new WeakMap<object, Map<string, number>>();

  get(document: object, operationName: string | undefined, variables: object, compute: () => number): number {
    const key = `${operationName ?? ''}\u0000${JSON.stringify(variables)}`;
    let variants = this.byDocument.get(document);
    const known = variants?.get(key);
    if (known !== undefined) return known;
    const cost = compute();
    if (!variants) this.byDocument.set(document, (variants = new Map<string, number>()));
    if (variants.size >= OperationCostCache.MAX_VARIANTS) variants.clear();
    variants.set(key, cost);
    return cost;
  }
}

/**
 * Bounds what one request may ask for: its size in bytes (before parsing) and its estimated cost (after the
 * operation is resolved against the schema). Batched HTTP requests are off in the server options.
 */
export function graphqlLimitsPlugin(options: { maxCost: number; maxQueryBytes: number }): ApolloServerPlugin {
  const costs = new OperationCostCache();
  return {
    async requestDidStart(requestContext) {
      const query = requestContext.request.query ?? '';
      if (Buffer.byteLength(query, 'utf8') > options.maxQueryBytes) {
        throw tooComplex(`The query is larger than ${options.maxQueryBytes} bytes`);
      }
      return {
        async didResolveOperation({ request, document, schema }) {
          const variables = request.variables ?? {};
          const operationName = request.operationName ?? undefined;
          const cost = costs.get(document, operationName, variables, () =>
            getComplexity({
              schema,
              query: document,
              variables,
              operationName,
              estimators: [pagedListEstimator, simpleEstimator({ defaultComplexity: 1 })],
            }),
          );
          if (cost > options.maxCost) {
            throw tooComplex(`The operation costs ${cost}, more than the limit of ${options.maxCost}`);
          }
        },
      };
    },
  };
}
