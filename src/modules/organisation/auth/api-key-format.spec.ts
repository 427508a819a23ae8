import fc from 'fast-check';
import {
  apiKeyMatches,
  generateApiKey,
  parseApiKey,
} from 'src/modules/organisation/auth/api-key-format';

describe('API key format', () => {
  it('generates keys whose prefix parses back and whose hash matches only the same key', () => {
    const key = generateApiKey();
    expect(parseApiKey(key.raw)).toBe(key.prefix);
    expect(apiKeyMatches(key.raw, key.hash)).toBe(true);
    expect(apiKeyMatches(generateApiKey().raw, key.hash)).toBe(false);
    expect(key.hash).not.toContain(key.raw.slice(15));
  });

  it('never parses arbitrary strings that are not ask_<10>_<43>', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (s) => {
        const prefix = parseApiKey(s);
        if (prefix !== undefined) expect(s.startsWith(`ask_${prefix}_`)).toBe(true);
      }),
    );
    expect(parseApiKey('ask_short_x')).toBeUndefined();
  });
});
