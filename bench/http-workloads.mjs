// HTTP workloads against a running server (ours or any Kapacitor): the five stream shapes the
// project measures itself by (passthrough, window-mean-groupBy, alert-threshold, 100 tasks,
// 100k series). Creates its tasks, writes pre-generated line protocol from concurrent
// keep-alive writers for a fixed time, reports acknowledged points/s (and server RSS with
// --pid), then deletes its tasks. Plain Node 20, no dependencies; never run by `npm test`.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(`--${name}`);
  return index === -1 ? fallback : args[index + 1];
};
const url = option('url', 'http://127.0.0.1:9092').replace(/\/$/, '');
const seconds = Number(option('seconds', '10'));
const writers = Number(option('writers', '4'));
const pid = option('pid', undefined);
const only = option('workload', 'all');
/** W5's number of series (host x region x cpu; default 100,000). */
const series = Number(option('series', '100000'));
/** Stop after writing this many points (0: write for --seconds); e.g. series x 10 fills W5's windows once. */
const maxPoints = Number(option('points', '0'));
const logDir = mkdtempSync(join(tmpdir(), 'kapacitor-bench-'));

const workloads = [
  { id: 'W1', hosts: 1000, perSecond: 1000, batch: 5000, scripts: [`stream|from().measurement('cpu')|httpOut('o')`] },
  {
    id: 'W2',
    hosts: 1000,
    perSecond: 1000,
    batch: 5000,
    scripts: [`stream|from().measurement('cpu').groupBy('host')|window().period(10s).every(10s)|mean('usage_idle')|httpOut('o')`],
  },
  {
    id: 'W3',
    hosts: 1000,
    perSecond: 1000,
    batch: 500,
    alerts: true,
    scripts: [
      `stream|from().measurement('cpu').groupBy('host')|alert().id('{{ index .Tags "host" }}').crit(lambda: "usage_idle" < 10).warn(lambda: "usage_idle" < 30).log('${join(logDir, 'alerts.log')}')`,
    ],
  },
  {
    id: 'W4',
    hosts: 100,
    perSecond: 100,
    batch: 5000,
    scripts: Array.from(
      { length: 100 },
      (_, n) => `stream|from().measurement('cpu').where(lambda: "host" == 'host${n}')|window().period(10s).every(10s)|max('usage_idle')|httpOut('o')`,
    ),
  },
  {
    id: 'W5',
    hosts: series,
    perSecond: series,
    batch: 5000,
    wide: true,
    scripts: [`stream|from().measurement('cpu').groupBy(*)|window().period(10s).every(10s)|count('usage_idle')|httpOut('o')`],
  },
];

/** Line protocol for points [from, from + count): series i mod hosts, data time base + floor(i / perSecond). */
function body(workload, from, count) {
  const lines = new Array(count);
  for (let k = 0; k < count; k++) {
    const i = from + k;
    const s = i % workload.hosts;
    const tags = workload.wide
      ? `cpu=cpu${s % 10},host=host${Math.floor(s / 100) % 1000},region=region${(Math.floor(s / 10) % 10) + 10 * Math.floor(s / 100_000)}`
      : `host=host${s}`;
    const roll = (i * 7919) % 100;
    const idle = workload.alerts ? (roll < 2 ? roll * 4 : roll < 10 ? 10 + roll : 30 + (roll % 70)) : ((i * 7919) % 10000) / 100;
    lines[k] = `cpu,${tags} usage_idle=${idle},usage_user=${((i * 104729) % 10000) / 100} ${1_700_000_000 + Math.floor(i / workload.perSecond)}`;
  }
  return lines.join('\n');
}

async function request(method, path, payload) {
  const response = await fetch(url + path, { method, body: payload, headers: payload ? { 'content-type': 'application/json' } : {} });
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
}

function rssMb() {
  if (pid === undefined) return undefined;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024);
}

async function runWorkload(workload) {
  const ids = workload.scripts.map((_, k) => `bench-${workload.id}-${k}`);
  // pre-generate a cycle of bodies so generating costs nothing while measuring (before the
  // tasks are made: a keep-alive connection left idle meanwhile would be closed under the writers)
  const bodies = Array.from({ length: 200 }, (_, n) => body(workload, n * workload.batch, workload.batch));
  for (let k = 0; k < ids.length; k++) {
    await request(
      'POST',
      '/kapacitor/v1/tasks',
      JSON.stringify({ id: ids[k], type: 'stream', dbrps: [{ db: 'bench', rp: 'autogen' }], script: workload.scripts[k], status: 'enabled' }),
    );
  }
  try {
    let next = 0;
    let acknowledged = 0;
    let round = 0;
    const end = Date.now() + seconds * 1000;
    const cycle = 200 * workload.batch;
    async function writer() {
      while (Date.now() < end || maxPoints > 0) {
        if (maxPoints > 0 && next * workload.batch >= maxPoints) break;
        const n = next++;
        // later cycles move data time on: rewrite the timestamps' offset
        const offset = Math.floor(n / 200) * Math.ceil(cycle / workload.perSecond);
        let text = bodies[n % 200];
        if (offset > 0) text = text.replace(/ (\d+)$/gm, (_, t) => ` ${Number(t) + offset}`);
        const response = await fetch(`${url}/kapacitor/v1/write?db=bench&rp=autogen&precision=s`, { method: 'POST', body: text });
        await response.arrayBuffer();
        if (response.status === 204) acknowledged += workload.batch;
        round++;
      }
    }
    const start = process.hrtime.bigint();
    await Promise.all(Array.from({ length: writers }, writer));
    const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
    // --settle S: wait S seconds before reading the RSS (the server may still be routing)
    await new Promise((resolve) => setTimeout(resolve, Number(option('settle', '0')) * 1000));
    const rss = rssMb();
    console.log(
      `${workload.id}: ${Math.round(acknowledged / elapsed).toLocaleString('en-US')} points/s acknowledged (${round} writes of ${workload.batch})${rss === undefined ? '' : `, server RSS ${rss} MB`}`,
    );
  } finally {
    for (const id of ids) await request('DELETE', `/kapacitor/v1/tasks/${id}`).catch(() => undefined);
  }
}

/** Waits up to 30 s for the server to answer its ping (it may still be starting). */
async function ready() {
  for (let attempt = 0; ; attempt++) {
    try {
      return await request('GET', '/kapacitor/v1/ping');
    } catch (error) {
      if (attempt >= 60) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

try {
  await ready();
  for (const workload of workloads) if (only === 'all' || only.split(',').includes(workload.id)) await runWorkload(workload);
} finally {
  rmSync(logDir, { recursive: true, force: true });
}
