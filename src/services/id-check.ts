// Refuses ids over the length cap with a 400 before any store is touched.

import { idTooLong } from '../util/id-limit.js';
import { requestErrors } from '../errors/catalogue.js';

export function checkIdLength(what: string, id: string): void {
  const problem = idTooLong(what, id);
  if (problem !== undefined) throw requestErrors.invalid(problem);
}
