// Line-protocol parser throughput on a Telegraf-like payload (cpu, mem, disk, net lines with
// 5-10 tags and fields) and on the server benchmark's cpu lines; one core. Prints parsed lines/s.
// `--against DIR` (another checkout of this project) compares the two parsers instead: rounds
// of both alternate in this one process, so the host's load affects both alike.

import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parsePoints } from '../src/lineprotocol/parse.js';

const hosts = 50;
const lines: string[] = [];
let time = 1_700_000_000_000_000_000n;
for (let i = 0; i < 2_000; i++) {
  const host = `host-${i % hosts}`;
  const tags = `dc=dc${i % 5},host=${host},os=linux,rack=r${i % 20},region=us-west-${i % 3}`; // sorted, as Telegraf sends them
  time += 10_000_000_000n;
  switch (i % 4) {
    case 0:
      lines.push(
        `cpu,cpu=cpu-total,${tags} usage_idle=${90 + (i % 10) / 3},usage_user=${(i % 7) / 3},usage_system=1.25,usage_iowait=0.5,usage_steal=0 ${time}`,
      );
      break;
    case 1:
      lines.push(`mem,${tags} total=16777216000i,available=${8000000000 + i}i,used=${1000000 + i}i,used_percent=${(i % 100) / 1.7},free=123456789i ${time}`);
      break;
    case 2:
      lines.push(
        `disk,${tags.replace('host=', 'device=sda1,fstype=ext4,host=').replace('rack=', 'path=/,rack=')} total=500000000000i,free=${250000000000 + i}i,used=250000000000i,used_percent=50.01,inodes_free=3000000i,inodes_used=100000i ${time}`,
      );
      break;
    default:
      lines.push(
        `net,${tags.replace('os=', 'interface=eth0,os=')} bytes_sent=${1234567 + i}i,bytes_recv=${7654321 + i}i,packets_sent=1234i,packets_recv=4321i,err_in=0i,err_out=0i,drop_in=0i ${time}`,
      );
  }
}
const body = Buffer.from(lines.join('\n') + '\n');
const options = { precision: 'ns', defaultTime: 0n, database: 'telegraf', retentionPolicy: 'autogen' };

// The server benchmark's shape: 5000 lines of 2 float fields over 1000 hosts, seconds precision.
const cpuLines: string[] = [];
for (let i = 0; i < 5_000; i++) {
  cpuLines.push(
    `cpu,host=host${i % 1000} usage_idle=${((i * 7919) % 10000) / 100},usage_user=${((i * 104729) % 10000) / 100} ${1_700_000_000 + Math.floor(i / 1000)}`,
  );
}
const cpuBody = Buffer.from(cpuLines.join('\n') + '\n');

function measure(label: string, payload: Buffer, count: number, parseOptions: typeof options, rounds: number): void {
  for (let i = 0; i < rounds / 5; i++) parsePoints(payload, parseOptions); // warm-up
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  let parsed = 0;
  for (let i = 0; i < rounds; i++) parsed += parsePoints(payload, parseOptions).points.length;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  // CPU time is the steadier figure on a shared machine; wall time is what a writer sees.
  console.log(
    `${label}: ${parsed} lines in ${seconds.toFixed(2)} s = ${Math.round(parsed / seconds).toLocaleString('en-US')} lines/s, ` +
      `${Math.round(parsed / cpuSeconds).toLocaleString('en-US')} lines per CPU second (${(payload.length / count).toFixed(0)} bytes/line)`,
  );
}

type Parse = typeof parsePoints;

/** Lines per CPU second of each parser, median of alternating rounds. */
function compare(parsers: Array<[string, Parse]>, payload: Buffer, count: number, parseOptions: typeof options): void {
  for (const [, parse] of parsers) for (let i = 0; i < 200; i++) parse(payload, parseOptions); // warm-up
  const rates: number[][] = parsers.map(() => []);
  for (let round = 0; round < 30; round++) {
    parsers.forEach(([, parse], k) => {
      const start = process.cpuUsage();
      for (let i = 0; i < 50; i++) parse(payload, parseOptions);
      const used = process.cpuUsage(start);
      rates[k]!.push((count * 50) / ((used.user + used.system) / 1e6));
    });
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[values.length >> 1]!;
  const base = median(rates[0]!);
  parsers.forEach(([label], k) => {
    const rate = median(rates[k]!);
    console.log(`${label}: ${Math.round(rate).toLocaleString('en-US')} lines per CPU second (${(rate / base).toFixed(2)}x)`);
  });
}

const against = process.argv.indexOf('--against');
if (against !== -1 && process.argv[against + 1] !== undefined) {
  const other = resolve(process.argv[against + 1]!, 'src/lineprotocol/parse.ts');
  const otherParse = ((await import(pathToFileURL(other).href)) as { parsePoints: Parse }).parsePoints;
  const parsers: Array<[string, Parse]> = [
    [`other (${other})`, otherParse],
    ['this checkout', parsePoints],
  ];
  console.log('telegraf-like:');
  compare(parsers, body, lines.length, options);
  console.log('cpu, 2 fields:');
  compare(parsers, cpuBody, cpuLines.length, { ...options, precision: 's', database: 'bench' });
} else {
  measure('line protocol (telegraf-like)', body, lines.length, options, 1_000);
  measure('line protocol (cpu, 2 fields)', cpuBody, cpuLines.length, { ...options, precision: 's', database: 'bench' }, 400);
}
