// With auth on, the job API listener asks for the same credentials and permissions as the
// Kapacitor API: no credentials 401, a user without the privilege 403, an admin or an `api`
// user served.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfigText } from '../../../src/config/index.js';
import { request } from '../../support/test-server.js';
import { startJobsServer, type JobsTestServer } from '../../support/jobs-server.js';
import { authConfigText, basic, createUsers } from '../../support/auth-fixture.js';

const CONFIG = authConfigText('secret');
let server: JobsTestServer;

before(async () => {
  const config = loadConfigText(CONFIG);
  server = await startJobsServer({ config: () => config });
  await createUsers(server.url, [
    ['nobody', ['none']],
    ['reader', ['api']],
  ]);
});
after(async () => {
  await server.close();
});

test('every job API route is behind the same authentication as the Kapacitor API', async () => {
  const routes: Array<[string, string]> = [
    ['GET', '/overview'],
    ['GET', '/running-jobs'],
    ['GET', '/finished-jobs'],
    ['GET', '/system-monitoring-information'],
    ['GET', '/logs'],
    ['POST', '/submit-job'],
    ['POST', '/stop-job'],
    ['POST', '/encrypt-config'],
    ['POST', '/update-tags'],
  ];
  for (const [method, path] of routes) {
    const body = method === 'GET' ? {} : { json: {} };
    const anonymous = await request(server.jobsUrl, method, path, body);
    assert.equal(anonymous.status, 401, `${method} ${path}: ${anonymous.text}`);
    const nobody = await request(server.jobsUrl, method, path, { ...body, headers: basic('nobody', 'nobodypw') });
    assert.equal(nobody.status, 403, `${method} ${path}: ${nobody.text}`);
  }
  for (const headers of [basic('root', 'rootpw'), basic('reader', 'readerpw')]) {
    const overview = await request(server.jobsUrl, 'GET', '/overview', { headers });
    assert.equal(overview.status, 200, overview.text);
  }
});

test('a LocalFile source outside [auth] allowed-file-dirs is refused at submit', async () => {
  const job = {
    env: { 'job.mode': 'BATCH' },
    source: [{ plugin_name: 'LocalFile', path: '/etc/passwd', file_format_type: 'text' }],
    sink: [{ plugin_name: 'Console' }],
  };
  const refused = await request(server.jobsUrl, 'POST', '/submit-job', { headers: basic('root', 'rootpw'), json: job });
  assert.notEqual(refused.status, 200);
  assert.match(refused.text, /LocalFile path \\"\/etc\/passwd\\" is not allowed: with authentication on/);
});
