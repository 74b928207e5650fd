#!/usr/bin/env node
// Entry point of the kapacitor command-line client: loads the TypeScript sources through tsx.
import { register } from 'tsx/esm/api';
register();
const { main } = await import('../src/cli/kapacitor.ts');
process.exitCode = await main(process.argv.slice(2));
