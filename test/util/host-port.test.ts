// Bound addresses printed as Go prints a net.Addr, and the server's logfmt start-up line
// showing its address that way (unquoted, not a JSON object).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { addressText, joinHostPort } from '../../src/util/host-port.js';
import { createLogger } from '../../src/logging/logger.js';
import { startTestServer } from '../support/test-server.js';

test('hosts join their port as Go does: IPv6 in brackets', () => {
  assert.equal(joinHostPort('127.0.0.1', 9092), '127.0.0.1:9092');
  assert.equal(joinHostPort('::', 9092), '[::]:9092');
  assert.equal(addressText({ address: '::1', family: 'IPv6', port: 80 }), '[::1]:80');
  assert.equal(addressText('/tmp/sock'), '/tmp/sock');
  assert.equal(addressText(null), '');
});

test('the logfmt start-up line shows the listen address as host:port, unquoted', async () => {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const logger = createLogger({ file: 'STDERR', level: 'INFO', format: 'logfmt' }, { destination: stream });
  const server = await startTestServer({}, logger);
  try {
    await new Promise((resolve) => setImmediate(resolve));
    const { port } = server.server.address();
    const line = chunks
      .join('')
      .split('\n')
      .find((l) => l.includes('msg="listening for HTTP requests"'));
    assert.ok(line !== undefined, chunks.join(''));
    assert.match(line, new RegExp(` service=http addr=127\\.0\\.0\\.1:${port}( |$)`));
  } finally {
    await server.close();
  }
});
