import { buildSchema, parse, validate } from 'graphql';
import { aliasLimit, depthRule } from 'src/common/graphql/graphql-limits';

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
