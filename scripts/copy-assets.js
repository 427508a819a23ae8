// Copies the data files that modules read at run time (seed data, templates) next to the compiled code in dist/,
// since tsc only emits .ts (and JSON it imports). Run by `npm run build`.
const { cpSync, readdirSync, statSync } = require('node:fs');
const { join, relative } = require('node:path');

const root = join(__dirname, '..');
const ASSET = /\.(json|csv|txt|md|ttf|hbs|xlsx)$/;

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (ASSET.test(name)) cpSync(path, join(root, 'dist', relative(root, path)));
  }
}

walk(join(root, 'src'));
