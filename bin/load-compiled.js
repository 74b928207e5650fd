// Loads one module of the compiled build in dist/, and says how to build it when it is missing.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export async function loadCompiled(path) {
  const url = new URL(`../dist/${path}`, import.meta.url);
  if (!existsSync(url)) {
    process.stderr.write(`kapacitor-ts is not built (missing ${fileURLToPath(url)}): run \`npm run build\` first\n`);
    process.exit(1);
  }
  return import(url.href);
}
