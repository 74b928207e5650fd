// With [http] auth-enabled, file paths that come through the API are restricted to [auth]
// allowed-file-dirs: [[httppost]] template files set through the config API and sideload
// file:// sources of tasks (also through a template). Paths in the configuration file and
// servers without authentication stay unrestricted, as in Kapacitor.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfigText } from '../../src/config/index.js';
import { request, startTestServer, type TestServer } from '../support/test-server.js';

const dir = mkdtempSync(join(tmpdir(), 'kapacitor-file-access-'));
const allowed = join(dir, 'allowed');
const outside = join(dir, 'outside');
mkdirSync(allowed);
mkdirSync(outside);
writeFileSync(join(allowed, 'alert.tmpl'), '{{.Message}}');
writeFileSync(join(outside, 'alert.tmpl'), '{{.Message}}');
symlinkSync(outside, join(allowed, 'escape'));

const CONFIG = `
[http]
  auth-enabled = true
  shared-secret = "secret"
[auth]
  enabled = true
  bcrypt-cost = 4
  bootstrap-username = "root"
  bootstrap-password = "rootpw"
  allowed-file-dirs = ["${allowed}"]
[[influxdb]]
  enabled = false
[[httppost]]
  endpoint = "from-file"
  url = "http://127.0.0.1:1/"
  alert-template-file = "${join(outside, 'alert.tmpl')}"
`;

let server: TestServer;
let open: TestServer;
const ROOT = { Authorization: `Basic ${Buffer.from('root:rootpw').toString('base64')}` };

before(async () => {
  const config = loadConfigText(CONFIG);
  server = await startTestServer({ config: () => config });
  open = await startTestServer();
});
after(async () => {
  await server.close();
  await open.close();
  rmSync(dir, { recursive: true, force: true });
});

function setHttpPost(target: TestServer, element: string, set: Record<string, unknown>, headers = ROOT) {
  return request(target.url, 'POST', `/kapacitor/v1/config/httppost/${element}`, { headers, json: { set } });
}

test('the config API refuses a template file outside the allowed dirs, with a 403 naming the option', async () => {
  const refused = await setHttpPost(server, 'from-file', { 'alert-template-file': '/etc/passwd' });
  assert.equal(refused.status, 403, refused.text);
  assert.match(
    refused.json.error,
    /^httppost alert-template-file "\/etc\/passwd" is not allowed: with authentication on, a file the server reads must be inside one of \[auth\] allowed-file-dirs/,
  );
  const viaLink = await setHttpPost(server, 'from-file', { 'row-template-file': join(allowed, 'escape', 'alert.tmpl') });
  assert.equal(viaLink.status, 403, 'a symbolic link out of the allowed dir is followed');
  const added = await request(server.url, 'POST', '/kapacitor/v1/config/httppost', {
    headers: ROOT,
    json: { add: { endpoint: 'new', url: 'http://127.0.0.1:1/', 'row-template-file': '/etc/shadow' } },
  });
  assert.equal(added.status, 403, added.text);
});

test('file-discovery files set through the config API must be inside the allowed dirs too', async () => {
  const refused = await request(server.url, 'POST', '/kapacitor/v1/config/file-discovery', {
    headers: ROOT,
    json: { add: { id: 'fd', files: [join(allowed, 'targets.json'), '/etc/*.json'] } },
  });
  assert.equal(refused.status, 403, refused.text);
  assert.match(refused.json.error, /^file-discovery files "\/etc\/\*\.json" is not allowed/);
});

test("a template file inside the allowed dirs is accepted; the config file's own path stays", async () => {
  const accepted = await setHttpPost(server, 'from-file', { 'alert-template-file': join(allowed, 'alert.tmpl') });
  assert.equal(accepted.status, 204, accepted.text);
  const shown = await request(server.url, 'GET', '/kapacitor/v1/config/httppost/from-file', { headers: ROOT });
  assert.equal(shown.json.options['alert-template-file'], join(allowed, 'alert.tmpl'));
  // Other options of an element whose file path came from the configuration file are fine.
  const reset = await request(server.url, 'POST', '/kapacitor/v1/config/httppost/from-file', { headers: ROOT, json: { delete: ['alert-template-file'] } });
  assert.equal(reset.status, 204, reset.text);
  const other = await setHttpPost(server, 'from-file', { url: 'http://127.0.0.1:2/' });
  assert.equal(other.status, 204, other.text);
});

const sideload = (path: string) =>
  `stream\n    |from()\n        .measurement('m')\n    |sideload()\n        .source('file://${path}')\n        .order('a.yml')\n        .field('f', 0.0)\n`;

test('a task whose sideload source is outside the allowed dirs is refused; inside is fine', async () => {
  const refused = await request(server.url, 'POST', '/kapacitor/v1/tasks', {
    headers: ROOT,
    json: { id: 'side-out', type: 'stream', dbrps: [{ db: 'db', rp: 'rp' }], script: sideload(outside) },
  });
  assert.equal(refused.status, 403, refused.text);
  assert.match(refused.json.error, /^sideload source ".*outside" is not allowed/);
  const accepted = await request(server.url, 'POST', '/kapacitor/v1/tasks', {
    headers: ROOT,
    json: { id: 'side-in', type: 'stream', dbrps: [{ db: 'db', rp: 'rp' }], script: sideload(allowed) },
  });
  assert.equal(accepted.status, 200, accepted.text);
  const changed = await request(server.url, 'PATCH', '/kapacitor/v1/tasks/side-in', { headers: ROOT, json: { script: sideload('/etc') } });
  assert.equal(changed.status, 403, changed.text);
});

test('a template task cannot get a sideload source outside the allowed dirs through its vars', async () => {
  const script =
    "var dir string\nstream\n    |from()\n        .measurement('m')\n    |sideload()\n        .source(dir)\n        .order('a.yml')\n        .field('f', 0.0)\n";
  const template = await request(server.url, 'POST', '/kapacitor/v1/templates', { headers: ROOT, json: { id: 'side-tmpl', type: 'stream', script } });
  assert.equal(template.status, 200, template.text);
  const refused = await request(server.url, 'POST', '/kapacitor/v1/tasks', {
    headers: ROOT,
    json: { id: 'side-var', 'template-id': 'side-tmpl', dbrps: [{ db: 'db', rp: 'rp' }], vars: { dir: { type: 'string', value: 'file:///etc' } } },
  });
  assert.equal(refused.status, 403, refused.text);
});

test('without authentication, paths are not restricted (as in Kapacitor)', async () => {
  const created = await request(open.url, 'POST', '/kapacitor/v1/tasks', {
    json: { id: 'side-open', type: 'stream', dbrps: [{ db: 'db', rp: 'rp' }], script: sideload(outside) },
  });
  assert.equal(created.status, 200, created.text);
});
