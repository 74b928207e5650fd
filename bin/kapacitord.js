#!/usr/bin/env -S node --max-semi-space-size=4
// Entry point of the kapacitord server: runs the compiled JavaScript in dist/ (built on install by
// the `prepare` script, or by `npm run build`). Never loads TypeScript at run time.
// The first line gives Node the server's memory flags (see docs/operations/configuration.md); keep
// it in step with the `start` script in package.json.
import { loadCompiled } from './load-compiled.js';

const { main } = await loadCompiled('kapacitord.js');
await main(process.argv.slice(2));
