#!/usr/bin/env node
// Entry point of the kapacitord server: loads the TypeScript sources through tsx.
import { register } from 'tsx/esm/api';
register();
const { main } = await import('../src/cli/kapacitord.ts');
await main(process.argv.slice(2));
