// bin/kapacitor.js over the TypeScript sources (through tsx), so tests run what they type-check
// rather than a dist/ build that may be stale.
import { main } from '../../../src/cli/kapacitor.js';

process.exitCode = await main(process.argv.slice(2));
