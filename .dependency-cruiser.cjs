/**
 * Architecture rules (`npm run lint`): common/ is plumbing and never reaches into a domain module; a module uses
 * another only through its exported services (module, service, types), never its entities' internals or
 * repositories directly... entities are allowed for TypeORM relations, controllers/resolvers/processors are not.
 */
module.exports = {
  forbidden: [
    {
      name: 'common-not-to-modules',
      severity: 'error',
      comment: 'src/common is shared plumbing: it must not depend on domain modules.',
      from: { path: '^src/common/' },
      to: { path: '^src/modules/' },
    },
    {
      name: 'no-cross-module-internals',
      severity: 'error',
      comment:
        'Use another module through its services, module, types or published request shapes (DTOs: the integrations ' +
        'module accepts the dossier receipt body as is), never its controllers, resolvers or processors.',
      from: { path: '^src/modules/([^/]+)/' },
      to: {
        path: '^src/modules/([^/]+)/.*\\.(controller|resolver|processor)\\.ts$',
        pathNot: '^src/modules/$1/',
      },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: { path: '^src/common/' },
      to: { circular: true },
    },
    {
      name: 'src-not-to-test',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|bench|scripts)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.spec\\.ts$' },
  },
};
