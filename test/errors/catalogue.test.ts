// The service error catalogue: every entry makes a ServiceError coded by its group and entry,
// with Kapacitor's exact text and status.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as catalogue from '../../src/errors/catalogue.js';
import { ServiceError } from '../../src/errors/service-error.js';

test('every entry is coded <group>.<entry> and has a status', () => {
  let count = 0;
  for (const [exportName, group] of Object.entries(catalogue)) {
    for (const [entry, make] of Object.entries(group as Record<string, (...args: unknown[]) => ServiceError>)) {
      const error = make('a', 'b');
      assert.ok(error instanceof ServiceError, `${exportName}.${entry}`);
      assert.match(error.code ?? '', new RegExp(`^\\w+\\.${entry}$`));
      assert.ok([400, 403, 404, 500].includes(error.status) || entry === 'startFailed', `${exportName}.${entry}`);
      count++;
    }
  }
  assert.ok(count > 70);
});

test("texts are Kapacitor's, quoting as Go does", () => {
  const { requestErrors, taskErrors, alertErrors, legacyErrors } = catalogue;
  assert.equal(requestErrors.invalidId('task', 'a b').message, "task ID must contain only letters, numbers, '-', '.' and '_'. \"a b\"");
  assert.equal(
    requestErrors.invalidInteger('limit', 'x').message,
    'invalid limit parameter "x" must be an integer: strconv.ParseInt: parsing "x": invalid syntax',
  );
  assert.deepEqual([taskErrors.notFound().status, taskErrors.notFound().message, taskErrors.notFound().code], [404, 'no task exists', 'tasks.notFound']);
  assert.equal(taskErrors.dbrpBothOnUpdate().message, 'cannot specify dbrp in implicitly and explicitly');
  assert.equal(alertErrors.eventNotFound('e', 't').message, 'event "e" does not exist for topic "t"');
  assert.deepEqual([legacyErrors.replayFailed('boom').status, legacyErrors.replayFailed('boom').message], [500, 'replay: boom']);
  assert.equal(taskErrors.startFailed(503, 'x').status, 503);
});
