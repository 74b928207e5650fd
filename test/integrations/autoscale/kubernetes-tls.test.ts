// The Kubernetes scale client over HTTPS: the API server's certificate is verified against
// ca-path (refused without it), and the scale is read and replaced with the bearer token.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfigText } from '../../../src/config/index.js';
import { KubernetesScaleClient } from '../../../src/integrations/kubernetes/scale-client.js';

let dir: string;
let server: Server;
let url: string;
const seen: string[] = [];
let replicas = 3;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kapacitor-k8s-tls-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'ca.pem'),
    ],
    { stdio: 'ignore' },
  );
  server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'ca.pem')) }, (request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    request.on('end', () => {
      seen.push(`${request.method} ${request.url} ${request.headers.authorization}`);
      if (request.method === 'PUT') replicas = (JSON.parse(body) as { spec: { replicas: number } }).spec.replicas;
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ kind: 'Scale', metadata: { name: 'web', namespace: 'default', resourceVersion: '9' }, spec: { replicas } }));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `https://127.0.0.1:${(server.address() as { port: number }).port}`;
});

after(() => {
  server.closeAllConnections();
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

const WEB = { namespace: 'default', kind: 'deployments', name: 'web' };

test('with ca-path the API server is trusted; the scale is read and replaced', async () => {
  const config = loadConfigText(`[[kubernetes]]\n  enabled = true\n  api-servers = ["${url}"]\n  token = "tok"\n  ca-path = "${join(dir, 'ca.pem')}"\n`);
  const client = new KubernetesScaleClient(config.kubernetes[0]!);
  assert.equal(await client.replicas(WEB), 3);
  await client.setReplicas(WEB, 5);
  assert.equal(replicas, 5);
  assert.deepEqual(seen.slice(-3), [
    'GET /apis/apps/v1/namespaces/default/deployments/web/scale Bearer tok',
    'GET /apis/apps/v1/namespaces/default/deployments/web/scale Bearer tok',
    'PUT /apis/apps/v1/namespaces/default/deployments/web/scale Bearer tok',
  ]);
});

test('without ca-path the self-signed API server is refused', async () => {
  const config = loadConfigText(`[[kubernetes]]\n  enabled = true\n  api-servers = ["${url}"]\n`);
  const client = new KubernetesScaleClient(config.kubernetes[0]!);
  await assert.rejects(client.replicas(WEB), /^Error: failed to get scale default\/deployments\/web: k8s client request failed: .*certificate/);
});

test('a missing ca-path file is reported when the client is made', () => {
  const config = loadConfigText(`[[kubernetes]]\n  enabled = true\n  api-servers = ["${url}"]\n  ca-path = "${join(dir, 'nope.pem')}"\n`);
  assert.throws(() => new KubernetesScaleClient(config.kubernetes[0]!), /failed to read ca-path ".*nope\.pem"/);
});
