#!/usr/bin/env node
// Entry point of the kapacitord server: runs the compiled JavaScript in dist/ (built on install by
// the `prepare` script, or by `npm run build`). Never loads TypeScript at run time.
import { loadCompiled } from './load-compiled.js';

const { main } = await loadCompiled('kapacitord.js');
await main(process.argv.slice(2));
