import { readdirSync } from 'node:fs';
import { join } from 'node:path';

type MigrationClass = new () => unknown;

/** Top-level `migrations/` folder, from src/ (ts-node, jest) and from dist/src/ (built) alike. */
export const MIGRATIONS_DIR = join(__dirname, '..', '..', 'migrations');

/**
 * Loads every migration class in `migrations/`, in file-name (timestamp) order. Loaded with require so it works
 * the same under Jest, swc-node and the compiled build.
 */
export function loadMigrations(dir = MIGRATIONS_DIR): MigrationClass[] {
  const isTs = __filename.endsWith('.ts');
  const files = readdirSync(dir)
    .filter((f) => (isTs ? /^\d+-.+\.ts$/.test(f) : /^\d+-.+\.js$/.test(f)) && !f.endsWith('.d.ts'))
    .sort();
  return files.flatMap((file) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = require(join(dir, file)) as Record<string, unknown>;
    return Object.values(exported).filter((v): v is MigrationClass => typeof v === 'function');
  });
}
