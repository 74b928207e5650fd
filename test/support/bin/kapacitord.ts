// bin/kapacitord.js over the TypeScript sources (through tsx), so tests run what they type-check
// rather than a dist/ build that may be stale.
import { main } from '../../../src/kapacitord.js';

await main(process.argv.slice(2));
