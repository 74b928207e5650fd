// HTTP-level: every route of the SeaTunnel REST API v2 listener against a real server, with
// the shapes, status codes and error bodies SeaTunnel gives; the Kapacitor port never serves them.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { request } from '../../support/test-server.js';
import { consoleRows, startJobsServer, submitJob, waitForStatus, type JobsTestServer } from '../../support/jobs-server.js';

let server: JobsTestServer;

before(async () => {
  server = await startJobsServer();
});

after(async () => {
  await server.close();
});

const batchJob = (rows = 100) => ({
  env: { 'job.mode': 'batch' },
  source: [{ plugin_name: 'FakeSource', result_table_name: 'fake', 'row.num': rows, schema: { fields: { name: 'string', age: 'int', card: 'int' } } }],
  transform: [],
  sink: [{ plugin_name: 'Console', source_table_name: ['fake'] }],
});

const streamingJob = () => ({ ...batchJob(10), env: { 'job.mode': 'STREAMING' } });

test('a batch job runs to FINISHED and job-info, running-job and finished-jobs describe it', async () => {
  const submitted = await request(server.jobsUrl, 'POST', '/submit-job?jobName=doc-example', { json: batchJob() });
  assert.equal(submitted.status, 200);
  assert.match(String(submitted.json.jobId), /^\d+$/);
  assert.equal(submitted.json.jobName, 'doc-example');
  const jobId = String(submitted.json.jobId);

  const info = await waitForStatus(server.jobsUrl, jobId, ['FINISHED', 'FAILED']);
  assert.equal(info.jobStatus, 'FINISHED', info.errorMsg);
  assert.equal(info.errorMsg, null);
  assert.match(info.createTime, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  assert.match(info.finishedTime, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  assert.equal(info.metrics.sourceReceivedCount, '100');
  assert.equal(info.metrics.sinkWriteCount, '100');
  assert.deepEqual(info.jobDag.vertexInfoMap, [
    { vertexId: 1, type: 'source', vertexName: 'Source[0]-FakeSource', tablePaths: ['fake'] },
    { vertexId: 2, type: 'sink', vertexName: 'Sink[0]-Console', tablePaths: ['fake'] },
  ]);
  assert.deepEqual(info.jobDag.pipelineEdges, { 1: [{ inputVertexId: '1', targetVertexId: '2' }] });

  const detailed = await request(server.jobsUrl, 'GET', `/running-job/${jobId}`);
  assert.equal(detailed.json.metrics.SourceReceivedCount, '100');
  assert.equal(detailed.json.metrics.SinkWriteCount, '100');
  assert.deepEqual(detailed.json.metrics.TableSourceReceivedCount, { fake: '100' });
  assert.deepEqual(detailed.json.metrics.TableSinkWriteCount, { fake: '100' });
  for (const key of [
    'SourceReceivedQPS',
    'SourceReceivedBytes',
    'SourceReceivedBytesPerSeconds',
    'SinkWriteQPS',
    'SinkWriteBytes',
    'SinkWriteBytesPerSeconds',
    'TableSourceReceivedBytes',
    'TableSourceReceivedBytesPerSeconds',
    'TableSourceReceivedQPS',
    'TableSinkWriteQPS',
    'TableSinkWriteBytes',
    'TableSinkWriteBytesPerSeconds',
  ]) {
    assert.ok(key in detailed.json.metrics, key);
  }

  const finished = await request(server.jobsUrl, 'GET', '/finished-jobs/FINISHED');
  const mine = finished.json.find((job: any) => job.jobId === jobId);
  assert.ok(mine);
  assert.equal(mine.jobName, 'doc-example');
  assert.ok('finishTime' in mine && 'errorMsg' in mine && 'jobDag' in mine);
  const all = await request(server.jobsUrl, 'GET', '/finished-jobs');
  assert.ok(all.json.some((job: any) => job.jobId === jobId));
  const failedOnly = await request(server.jobsUrl, 'GET', '/finished-jobs/failed');
  assert.ok(!failedOnly.json.some((job: any) => job.jobId === jobId));

  const rows = await consoleRows(server.jobsUrl, jobId);
  assert.equal(rows.length, 100);
  assert.ok(
    rows.every((row) => /^SeaTunnelRow#kind=INSERT : [A-Za-z]{5}, \d+, \d+$/.test(row)),
    rows[0],
  );
});

test('job-info of an unknown job answers just its id', async () => {
  const reply = await request(server.jobsUrl, 'GET', '/job-info/123');
  assert.equal(reply.status, 200);
  assert.deepEqual(reply.json, { jobId: '123' });
});

test('jobId and jobName query parameters are honoured; a duplicate jobId is refused', async () => {
  const jobId = await submitJob(server.jobsUrl, batchJob(5), '?jobId=4242&jobName=mine');
  assert.equal(jobId, '4242');
  await waitForStatus(server.jobsUrl, jobId, ['FINISHED']);
  const again = await request(server.jobsUrl, 'POST', '/submit-job?jobId=4242', { json: batchJob(5) });
  assert.equal(again.status, 400);
  assert.deepEqual(again.json, { status: 'fail', message: 'The job id 4242 has already been submitted and is not starting with a savepoint.' });
});

test('submit-jobs submits each job with its params', async () => {
  const reply = await request(server.jobsUrl, 'POST', '/submit-jobs', {
    json: [
      { params: { jobId: '5001', jobName: 'one' }, ...batchJob(3) },
      { params: { jobId: '5002', jobName: 'two' }, ...batchJob(3) },
    ],
  });
  assert.equal(reply.status, 200, reply.text);
  assert.deepEqual(reply.json, [
    { jobId: '5001', jobName: 'one' },
    { jobId: '5002', jobName: 'two' },
  ]);
  await waitForStatus(server.jobsUrl, '5001', ['FINISHED']);
  await waitForStatus(server.jobsUrl, '5002', ['FINISHED']);
});

test('a streaming job runs until stop-job cancels it; stop-jobs stops several', async () => {
  const jobId = await submitJob(server.jobsUrl, streamingJob(), '?jobName=streamer');
  const running = await waitForStatus(server.jobsUrl, jobId, ['RUNNING']);
  assert.equal(running.isStartWithSavePoint, false);
  assert.deepEqual(running.pluginJarsUrls, []);
  assert.deepEqual(running.envOptions, { 'job.mode': 'STREAMING' });
  const list = await request(server.jobsUrl, 'GET', '/running-jobs');
  assert.ok(list.json.some((job: any) => job.jobId === jobId && job.jobStatus === 'RUNNING'));
  const overview = await request(server.jobsUrl, 'GET', '/overview');
  assert.ok(Number(overview.json.runningJobs) >= 1);

  const stopped = await request(server.jobsUrl, 'POST', '/stop-job', {
    body: `{"jobId": ${jobId}, "isStopWithSavePoint": false}`,
    headers: { 'Content-Type': 'application/json' },
  });
  assert.equal(stopped.status, 200, stopped.text);
  assert.deepEqual(stopped.json, { jobId });
  await waitForStatus(server.jobsUrl, jobId, ['CANCELED']);
  const canceled = await request(server.jobsUrl, 'GET', '/finished-jobs/CANCELED');
  assert.ok(canceled.json.some((job: any) => job.jobId === jobId));

  const a = await submitJob(server.jobsUrl, streamingJob());
  const b = await submitJob(server.jobsUrl, streamingJob());
  await waitForStatus(server.jobsUrl, a, ['RUNNING']);
  await waitForStatus(server.jobsUrl, b, ['RUNNING']);
  const both = await request(server.jobsUrl, 'POST', '/stop-jobs', { json: [{ jobId: a }, { jobId: b, isStopWithSavePoint: false }] });
  assert.equal(both.status, 200, both.text);
  assert.deepEqual(both.json, [{ jobId: a }, { jobId: b }]);
  await waitForStatus(server.jobsUrl, a, ['CANCELED']);
  await waitForStatus(server.jobsUrl, b, ['CANCELED']);

  const missing = await request(server.jobsUrl, 'POST', '/stop-job', { json: {} });
  assert.equal(missing.status, 400);
  assert.deepEqual(missing.json, { status: 'fail', message: 'jobId cannot be empty.' });
});

test("bad submissions get SeaTunnel's error bodies, never a 500", async () => {
  const cases: Array<[string, string | object, number, RegExp]> = [
    ['/submit-job', '', 400, /^Request body is empty\.$/],
    ['/submit-job', '{not json', 400, /^Invalid JSON format in request body\.$/],
    [
      '/submit-job',
      { ...batchJob(), source: [{ plugin_name: 'NoSuchSource', schema: { fields: { a: 'int' } } }] },
      400,
      /^Could not find any factory for identifier 'NoSuchSource' that implements 'org\.apache\.seatunnel\.api\.table\.factory\.TableSourceFactory' in the classpath\.\n\nAvailable factory identifiers are:\n\n/,
    ],
    ['/submit-job', { ...batchJob(), sink: [{ plugin_name: 'NoSuchSink' }] }, 400, /identifier 'NoSuchSink' that implements '.*TableSinkFactory'/],
    [
      '/submit-job',
      { ...batchJob(), transform: [{ plugin_name: 'NoSuchTransform' }] },
      400,
      /identifier 'NoSuchTransform' that implements '.*TableTransformFactory'/,
    ],
    ['/submit-job', { env: {}, source: [], sink: [] }, 400, /^Source And Sink can not be null$/],
    [
      '/submit-job',
      {
        env: {},
        source: [
          { plugin_name: 'FakeSource', result_table_name: 'a', schema: { fields: { x: 'int' } } },
          { plugin_name: 'FakeSource', result_table_name: 'b', schema: { fields: { x: 'int' } } },
        ],
        sink: [{ plugin_name: 'Console', source_table_name: 'a' }, { plugin_name: 'Console' }],
      },
      400,
      /^The transform\/sink\(Console\) is not configured with 'source_table_name' option$/,
    ],
    [
      '/submit-job',
      {
        env: {},
        source: [
          { plugin_name: 'FakeSource', result_table_name: 'a', schema: { fields: { x: 'int' } } },
          { plugin_name: 'FakeSource', result_table_name: 'b', schema: { fields: { x: 'int' } } },
        ],
        sink: [
          { plugin_name: 'Console', source_table_name: 'a' },
          { plugin_name: 'Console', source_table_name: 'zzz' },
        ],
      },
      400,
      /^The 'source_table_name' option configured in \[Console\] is incorrect, and the source\/transform\[zzz\] is not found\.$/,
    ],
    ['/submit-job', { ...batchJob(), source: [{ plugin_name: 'FakeSource' }] }, 400, /the options\('schema'\) are required/],
    ['/submit-job', { ...batchJob(), source: [{ schema: {} }] }, 400, /^The 'plugin_name' option is not configured, please configure it\.$/],
    ['/submit-job?isStartWithSavePoint=true', batchJob(), 400, /^Please provide jobId when start with save point\.$/],
    ['/submit-job?jobId=abc', batchJob(), 400, /^For input string: "abc"$/],
    ['/submit-job', { ...batchJob(), transform: [{ plugin_name: 'Sql', query: 'select nope from fake' }] }, 400, /Unknown column 'nope'/],
    ['/submit-jobs', '{"a": 1}', 400, /^Invalid JSON format in request body\.$/],
    ['/stop-job', '[]', 400, /^Invalid JSON format in request body\.$/],
    ['/stop-job', '{"jobId": 999999}', 400, /^Job with id 999999 not found\.$/],
  ];
  for (const [path, body, status, message] of cases) {
    const reply = await request(
      server.jobsUrl,
      'POST',
      path,
      typeof body === 'string' ? { body, headers: { 'Content-Type': 'application/json' } } : { json: body },
    );
    assert.equal(reply.status, status, `${path} ${JSON.stringify(body)}: ${reply.text}`);
    assert.equal(reply.json.status, 'fail');
    assert.match(reply.json.message, message);
  }
});

test('a job that fails at run time ends FAILED with the cause in errorMsg', async () => {
  const job = { ...batchJob(3), transform: [{ plugin_name: 'Sql', query: 'select CAST(name AS INT) as n from fake' }] };
  const jobId = await submitJob(server.jobsUrl, job);
  const info = await waitForStatus(server.jobsUrl, jobId, ['FAILED', 'FINISHED']);
  assert.equal(info.jobStatus, 'FAILED');
  assert.match(info.errorMsg, /Cannot cast "[A-Za-z]{5}" to INT/);
  const failed = await request(server.jobsUrl, 'GET', '/finished-jobs/FAILED');
  assert.ok(failed.json.some((j: any) => j.jobId === jobId && /Cannot cast/.test(j.errorMsg)));
});

test("system-monitoring-information reports this process with SeaTunnel's keys", async () => {
  const reply = await request(server.jobsUrl, 'GET', '/system-monitoring-information');
  assert.equal(reply.status, 200);
  assert.equal(reply.json.length, 1);
  const node = reply.json[0];
  assert.match(node.processors, /^\d+$/);
  assert.match(node['heap.memory.used'], /^\d+(\.\d)?[KMG]?$/);
  assert.match(node['heap.memory.used/total'], /^\d+\.\d\d%$/);
  assert.match(node['minor.gc.time'], /^\d+ms$/);
  assert.match(node['load.systemAverage'], /^\d+\.\d\d$/);
  for (const key of [
    'physical.memory.total',
    'swap.space.free',
    'major.gc.count',
    'thread.count',
    'event.q.size',
    'executor.q.async.size',
    'operations.completed.count',
    'connection.count',
  ]) {
    assert.equal(typeof node[key], 'string', key);
  }
});

test('encrypt-config base64-encodes username/password/auth/token of sources and sinks only', async () => {
  const config = {
    env: { parallelism: 1, 'shade.identifier': 'base64' },
    source: [{ plugin_name: 'MySQL-CDC', username: 'seatunnel', password: 'seatunnel_password', hostname: '127.0.0.1' }],
    transform: [{ plugin_name: 'Sql', password: 'stays' }],
    sink: [{ plugin_name: 'Clickhouse', username: 'seatunnel', token: 'abc' }],
  };
  const reply = await request(server.jobsUrl, 'POST', '/encrypt-config', { json: config });
  assert.equal(reply.status, 200);
  assert.deepEqual(reply.json, {
    env: { parallelism: 1, 'shade.identifier': 'base64' },
    source: [{ plugin_name: 'MySQL-CDC', username: 'c2VhdHVubmVs', password: 'c2VhdHVubmVsX3Bhc3N3b3Jk', hostname: '127.0.0.1' }],
    transform: [{ plugin_name: 'Sql', password: 'stays' }],
    sink: [{ plugin_name: 'Clickhouse', username: 'c2VhdHVubmVs', token: 'YWJj' }],
  });
});

test('update-tags sets and clears the node tags the overview filters on', async () => {
  const set = await request(server.jobsUrl, 'POST', '/update-tags', { json: { tag1: 'dev_1', tag2: 'dev_2' } });
  assert.equal(set.status, 200);
  assert.deepEqual(set.json, { status: 'success', message: 'update node tags done.' });
  assert.equal((await request(server.jobsUrl, 'GET', '/overview?tag1=dev_1')).json.works, '1');
  assert.equal((await request(server.jobsUrl, 'GET', '/overview?tag1=other')).json.works, '0');
  const cleared = await request(server.jobsUrl, 'POST', '/update-tags', { json: {} });
  assert.deepEqual(cleared.json, { status: 'success', message: 'update node tags done.' });
  assert.equal((await request(server.jobsUrl, 'GET', '/overview?tag1=dev_1')).json.works, '0');
  const empty = await request(server.jobsUrl, 'POST', '/update-tags', { body: '', headers: { 'Content-Type': 'application/json' } });
  assert.equal(empty.status, 400);
  assert.deepEqual(empty.json, { status: 'fail', message: 'Request body is empty.' });
  const notMap = await request(server.jobsUrl, 'POST', '/update-tags', { body: '["a"]', headers: { 'Content-Type': 'application/json' } });
  assert.equal(notMap.status, 400);
  assert.deepEqual(notMap.json, { status: 'fail', message: 'Invalid JSON format in request body.' });
});

test("logs: the list as json and html, a job's logs, and one log file's content", async () => {
  const jobId = await submitJob(server.jobsUrl, batchJob(2));
  await waitForStatus(server.jobsUrl, jobId, ['FINISHED']);
  const list = await request(server.jobsUrl, 'GET', '/logs?format=json');
  assert.equal(list.status, 200);
  const entry = list.json.find((e: any) => e.logName === `job-${jobId}.log`);
  const node = new URL(server.jobsUrl).host;
  assert.deepEqual(entry, { node, logLink: `http://${node}/logs/job-${jobId}.log`, logName: `job-${jobId}.log` });
  const html = await request(server.jobsUrl, 'GET', '/logs');
  assert.match(html.headers.get('content-type') ?? '', /text\/html/);
  assert.ok(html.text.includes(`href="http://${node}/logs/job-${jobId}.log"`));
  const mine = await request(server.jobsUrl, 'GET', `/logs/${jobId}?format=json`);
  assert.deepEqual(
    mine.json.map((e: any) => e.logName),
    [`job-${jobId}.log`],
  );
  const file = await request(server.jobsUrl, 'GET', `/logs/job-${jobId}.log`);
  assert.equal(file.status, 200);
  assert.match(file.text, /status changed to FINISHED/);
  assert.equal((await request(server.jobsUrl, 'GET', '/logs/job-1.log')).status, 404);
});

test('the Kapacitor port does not serve the job API, and the job API not the Kapacitor one', async () => {
  assert.equal((await request(server.url, 'GET', '/overview')).status, 404);
  assert.equal((await request(server.url, 'POST', '/submit-job', { json: batchJob() })).status, 404);
  assert.equal((await request(server.jobsUrl, 'GET', '/kapacitor/v1/ping')).status, 404);
});

test('a context path prefixes every route', async () => {
  const prefixed = await startJobsServer({
    jobs: { enabled: true, bindHost: '127.0.0.1', bindPort: 0, contextPath: '/seatunnel', enableDynamicPort: false, portRange: 100, historyLimit: 10 },
  });
  try {
    assert.equal((await request(prefixed.jobsUrl, 'GET', '/seatunnel/overview')).status, 200);
    assert.equal((await request(prefixed.jobsUrl, 'GET', '/overview')).status, 404);
  } finally {
    await prefixed.close();
  }
});
