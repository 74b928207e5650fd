// Flux tasks survive kill -9 mid-schedule: every task and every run record acknowledged before
// the kill is there after a restart, a run that was executing (waiting on a hung InfluxDB) is
// marked failed with a log line, and the schedule resumes (missed runs are skipped).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, killHard, spawnServer } from '../support/spawn-server.js';
import { poll, request } from '../support/test-server.js';

const API = '/kapacitor/v1/api/v2/tasks';

test('Flux tasks and runs survive kill -9; an executing run is marked failed on restart', { timeout: 90000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kapacitor-flux-durability-'));
  // An InfluxDB that accepts queries and never answers: a run reading from it stays "started".
  const hung: Server = createServer(() => undefined);
  await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
  const hungPort = (hung.address() as { port: number }).port;
  const configPath = join(dataDir, 'kapacitor.conf');
  writeFileSync(configPath, `[[influxdb]]\n  enabled = true\n  name = "default"\n  urls = ["http://127.0.0.1:${hungPort}"]\n  disable-subscriptions = true\n`);
  const port = await freePort();
  try {
    const first = await spawnServer(dataDir, port, ['-config', configPath]);
    let ticking: any;
    let stuck: any;
    let inactive: any;
    let runsBefore: any[];
    let stuckRun: any;
    try {
      const create = async (flux: string, status = 'active') => {
        const reply = await request(first.url, 'POST', API, { json: { flux, status } });
        assert.equal(reply.status, 201, reply.text);
        return reply.json;
      };
      ticking = await create('option task = {name: "ticking", every: 1s}\nx = 1\n');
      inactive = await create('option task = {name: "idle", every: 1h}\nx = 1\n', 'inactive');
      stuck = await create('option task = {name: "stuck", every: 1h}\nfrom(bucket: "db") |> range(start: -1m) |> yield()\n', 'inactive');
      const forced = await request(first.url, 'POST', `${API}/${stuck.id}/runs`);
      assert.equal(forced.status, 201);
      stuckRun = await poll(
        async () => (await request(first.url, 'GET', `${API}/${stuck.id}/runs/${forced.json.id}`)).json,
        (r: any) => r.status === 'started',
      );
      runsBefore = await poll(
        async () => (await request(first.url, 'GET', `${API}/${ticking.id}/runs`)).json.runs,
        (runs: any[]) => runs.filter((r) => r.status === 'success').length >= 3,
        15000,
      );
    } finally {
      await killHard(first);
    }
    const killedAt = Date.now();
    // Down for longer than the 1 s schedule, however fast the restart.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const second = await spawnServer(dataDir, port, ['-config', configPath]);
    const restartedAt = Date.now();
    try {
      const tasks = (await request(second.url, 'GET', API)).json.tasks;
      assert.deepEqual(
        tasks.map((t: any) => [t.id, t.name, t.status]).sort(),
        [
          [ticking.id, 'ticking', 'active'],
          [inactive.id, 'idle', 'inactive'],
          [stuck.id, 'stuck', 'inactive'],
        ].sort(),
      );
      const after = (await request(second.url, 'GET', `${API}/${ticking.id}/runs?limit=500`)).json.runs;
      for (const run of runsBefore!.filter((r) => r.status === 'success')) {
        assert.deepEqual(
          after.find((r: any) => r.id === run.id),
          run,
          `run ${run.id} kept as it was`,
        );
      }
      const recovered = (await request(second.url, 'GET', `${API}/${stuck.id}/runs/${stuckRun.id}`)).json;
      assert.equal(recovered.status, 'failed');
      assert.equal(recovered.log.at(-1).message, 'run was executing when the server stopped; marked failed on restart');
      const resumed = await poll(
        async () => (await request(second.url, 'GET', `${API}/${ticking.id}/runs`)).json.runs,
        (runs: any[]) => runs.some((r) => r.status === 'success' && !after.some((b: any) => b.id === r.id)),
        10000,
      );
      const fresh = resumed.filter((r: any) => !after.some((b: any) => b.id === r.id));
      // runs for the seconds the server was down are not caught up: the first new run is scheduled after the restart
      const firstFresh = Math.min(...fresh.map((r: any) => Date.parse(r.scheduledFor)));
      assert.ok(restartedAt - killedAt > 1000, 'the restart took long enough to miss schedules');
      assert.ok(
        firstFresh > killedAt + 1000,
        `first run after restart scheduled for ${new Date(firstFresh).toISOString()}, killed at ${new Date(killedAt).toISOString()}`,
      );
    } finally {
      await killHard(second);
    }
  } finally {
    hung.closeAllConnections();
    hung.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
