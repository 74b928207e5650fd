// /kapacitor/v1/debug/pprof when [http] pprof-enabled: Node's equivalents of Go's profiles.
// index lists them; profile?seconds=N is a V8 CPU profile (.cpuprofile JSON, opens in Chrome
// DevTools); heap is a V8 heap snapshot; cmdline is the command line. Off: every path is 404.

import { Session } from 'node:inspector/promises';
import { getHeapSnapshot } from 'node:v8';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors.js';
import { queryValue } from '../request-body.js';

const BASE = '/kapacitor/v1/debug/pprof';
const LONGEST_PROFILE_SECONDS = 300;

const INDEX = `<html><head><title>/debug/pprof/</title></head><body>
/debug/pprof/<br><br>
<a href="profile?seconds=30">profile</a>: V8 CPU profile (.cpuprofile) over ?seconds= (default 30)<br>
<a href="heap">heap</a>: V8 heap snapshot (.heapsnapshot)<br>
<a href="cmdline">cmdline</a>: the command line<br>
</body></html>
`;

export function registerPprofRoutes(app: FastifyInstance, enabled: boolean): void {
  if (!enabled) return;
  app.get(`${BASE}/`, async (_request, reply) => reply.type('text/html; charset=utf-8').send(INDEX));

  app.get(`${BASE}/cmdline`, async (_request, reply) => reply.type('text/plain; charset=utf-8').send(process.argv.join('\u0000')));

  app.get(`${BASE}/profile`, async (request, reply) => {
    const text = queryValue(request, 'seconds');
    const seconds = text === '' ? 30 : Number(text);
    if (!Number.isFinite(seconds) || seconds <= 0 || seconds > LONGEST_PROFILE_SECONDS) {
      throw new ApiError(400, `invalid seconds ${JSON.stringify(text)}: expected a number from 0 to ${LONGEST_PROFILE_SECONDS}`);
    }
    const session = new Session();
    session.connect();
    try {
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
      const { profile } = await session.post('Profiler.stop');
      reply.header('Content-Disposition', 'attachment; filename="kapacitor.cpuprofile"');
      return reply.type('application/octet-stream').send(JSON.stringify(profile));
    } finally {
      session.disconnect();
    }
  });

  app.get(`${BASE}/heap`, async (_request, reply) => {
    reply.header('Content-Disposition', 'attachment; filename="kapacitor.heapsnapshot"');
    return reply.type('application/octet-stream').send(getHeapSnapshot());
  });
}
