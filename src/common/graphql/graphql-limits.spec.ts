import { buildSchema, parse, validate } from 'graphql';
import { aliasLimit, depthRule, OperationCostCache } from 'src/common/graphql/graphql-limits';

const schema = buildSchema(`
  type Node { name: String, child: Node }
  type Query { root: Node }
`);

function errorsFor(query: string, rules = [depthRule(3), aliasLimit(2)]): string[] {
  return validate(schema, parse(query), rules).map((e) => e.message);
}

describe('GraphQL validation limits', () => {
  it('accepts an operation within depth and alias limits', () => {
    expect(errorsFor('{ root { child { name } } }')).toEqual([]);
  });

  it('refuses an operation deeper than the limit', () => {
    expect(errorsFor('{ root { child { child { child { name } } } } }').join()).toMatch(
      /exceeds maximum operation depth/,
    );
  });

  it('refuses more aliases than the limit, once', () => {
    const errors = errorsFor('{ a: root { name } b: root { name } c: root { name } d: root { name } }');
    expect(errors).toEqual(['The operation uses more than 2 aliases']);
  });
});

describe('the operation cost cache', () => {
  it('reuses a cost only for the same document, operation and variables', () => {
    const cache = new OperationCostCache();
    const document = parse('query Q($n: Int) { root { name } }');
    let computed = 0;
    const cost = (value: number) => () => {
      computed += 1;
      return value;
    };
    expect(cache.get(document, 'Q', { n: 1 }, cost(11))).toBe(11);
    expect(cache.get(document, 'Q', { n: 1 }, cost(99))).toBe(11);
    expect(computed).toBe(1);
    // A page size in the variables changes the cost: never answered from another variant.
    expect(cache.get(document, 'Q', { n: 500 }, cost(5001))).toBe(5001);
    expect(cache.get(document, undefined, { n: 1 }, cost(12))).toBe(12);
    expect(cache.get(parse('query Q($n: Int) { root { name } }'), 'Q', { n: 1 }, cost(13))).toBe(13);
    expect(computed).toBe(4);
  });
});
