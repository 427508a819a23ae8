/**
 * Jest transformer for node_modules: NestJS 12 and several of its dependencies ship ESM only, which Jest's
 * CommonJS runtime on Node 20 cannot require. Files with ESM syntax are compiled to CommonJS by swc; CommonJS files
 * pass through untouched (cheap, and keeps their semantics exactly).
 */
const { createTransformer } = require('@swc/jest');

const swc = createTransformer({
  jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' },
  module: { type: 'commonjs' },
});
const ESM_SYNTAX = /(^|[\n;])\s*(import\s*[\w{*'"]|export\s*[\w{*])/;

module.exports = {
  canInstrument: false,
  process(source, filename, options) {
    if (!filename.endsWith('.mjs') && !ESM_SYNTAX.test(source)) return { code: source };
    return swc.process(source, filename, options);
  },
  getCacheKey(source, filename, options) {
    return swc.getCacheKey(source, filename, options) + (ESM_SYNTAX.test(source) ? ':esm' : ':cjs');
  },
};
