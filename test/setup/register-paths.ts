import { join } from 'node:path';
import { register } from 'tsconfig-paths';

/** Global setup runs outside Jest's module registry, so `src/...` imports need Node's resolver taught about them. */
register({ baseUrl: join(__dirname, '..', '..'), paths: { 'src/*': ['src/*'], 'test/*': ['test/*'] } });
