// The kapacitor client against an HTTPS server with a self-signed certificate: refused with a
// hint by default, accepted with -skipVerify or KAPACITOR_UNSAFE_SSL=true.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './cli-harness.js';

let dir: string;
let server: Server;
let url: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kapacitor-cli-tls-'));
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')],
    { stdio: 'ignore' },
  );
  server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (request, response) => {
    response.writeHead(request.url?.startsWith('/kapacitor/v1/tasks') ? 200 : 404, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify({ tasks: [] }));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `https://127.0.0.1:${(server.address() as { port: number }).port}`;
});

after(async () => {
  server.closeAllConnections();
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

const HEADER = 'ID Type      Status    Executing Databases and Retention Policies\n';

test('a self-signed certificate is refused with a hint to -skipVerify', async () => {
  const result = await runCli(['-url', url, 'list', 'tasks']);
  assert.equal(result.code, 3);
  assert.equal(result.stdout, '');
  assert.match(
    result.stderr,
    new RegExp(`^cannot reach the Kapacitor server at ${url}: certificate verification failed \\(.+\\); use -skipVerify to skip it\\n$`),
  );
});

test('-skipVerify and KAPACITOR_UNSAFE_SSL accept it', async () => {
  assert.deepEqual(await runCli(['-url', url, '-skipVerify', 'list', 'tasks']), { code: 0, stdout: HEADER, stderr: '' });
  assert.deepEqual(await runCli(['list', 'tasks'], { env: { KAPACITOR_URL: url, KAPACITOR_UNSAFE_SSL: 'true' } }), { code: 0, stdout: HEADER, stderr: '' });
});

test('plain HTTP to the HTTPS port fails with one line', async () => {
  const result = await runCli(['-url', url.replace('https:', 'http:'), 'list', 'tasks']);
  assert.equal(result.code, 3);
  assert.equal(result.stderr.split('\n').length, 2, result.stderr);
});
