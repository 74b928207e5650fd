// Registers every built-in lambda function once and exposes the lookup.

import { conditionalFunctions } from './conditionals.js';
import { conversionFunctions } from './conversion.js';
import { humanizeFunctions } from './humanize.js';
import { mathFunctions } from './math.js';
import { randomFunctions } from './random.js';
import { registerFunctions } from './registry.js';
import { statefulFunctions } from './stateful.js';
import { stringFunctions } from './strings.js';
import { timeFunctions } from './time.js';

registerFunctions([
  ...conversionFunctions,
  ...mathFunctions,
  ...randomFunctions,
  ...stringFunctions,
  ...timeFunctions,
  ...humanizeFunctions,
  ...conditionalFunctions,
  ...statefulFunctions,
]);

export { domainKey, lookupFunction, type RegisteredFunction } from './registry.js';
