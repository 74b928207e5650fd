// ec2Autoscale end to end: a real server with an [[ec2]] region whose endpoint is a local Auto
// Scaling API (query protocol); points written over HTTP make the task describe the group and
// set its desired capacity, every request signed with AWS Signature V4 for the configured keys.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import aws4 from 'aws4';
import { defineTask, httpOut, startPeer, startServerWith, until, write, type PeerRequest } from './support.js';

const ACCESS_KEY = 'AKIDEXAMPLE';
const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';

/** The Authorization header the request should carry, signed again here from what arrived. */
function expectedAuthorization(req: PeerRequest): string {
  const signed = aws4.sign(
    {
      host: String(req.headers.host),
      path: req.url,
      method: req.method,
      service: 'autoscaling',
      region: 'eu-west-1',
      body: req.body,
      headers: { 'Content-Type': String(req.headers['content-type']), 'X-Amz-Date': String(req.headers['x-amz-date']) },
    },
    { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY },
  );
  return String(signed.headers!.Authorization);
}

function describeResponse(name: string, capacity: number): string {
  return `<DescribeAutoScalingGroupsResponse xmlns="http://autoscaling.amazonaws.com/doc/2011-01-01/">
  <DescribeAutoScalingGroupsResult><AutoScalingGroups><member>
    <AutoScalingGroupName>${name}</AutoScalingGroupName><MinSize>0</MinSize><MaxSize>20</MaxSize>
    <DesiredCapacity>${capacity}</DesiredCapacity>
  </member></AutoScalingGroups></DescribeAutoScalingGroupsResult>
  <ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata>
</DescribeAutoScalingGroupsResponse>`;
}

test('ec2Autoscale describes the group and sets its desired capacity with signed query-protocol calls', async () => {
  const capacity: Record<string, number> = { 'asg-web': 2 };
  const peer = await startPeer((req) => {
    const params = new URLSearchParams(req.body);
    if (params.get('Version') !== '2011-01-01')
      return { status: 400, contentType: 'text/xml', body: '<ErrorResponse><Error><Code>InvalidVersion</Code></Error></ErrorResponse>' };
    if (params.get('Action') === 'DescribeAutoScalingGroups') {
      const name = params.get('AutoScalingGroupNames.member.1')!;
      return { contentType: 'text/xml', body: describeResponse(name, capacity[name] ?? 0) };
    }
    if (params.get('Action') === 'SetDesiredCapacity') {
      const name = params.get('AutoScalingGroupName')!;
      if (capacity[name] === undefined) {
        return {
          status: 400,
          contentType: 'text/xml',
          body: '<ErrorResponse><Error><Type>Sender</Type><Code>ValidationError</Code><Message>AutoScalingGroup name not found</Message></Error></ErrorResponse>',
        };
      }
      capacity[name] = Number(params.get('DesiredCapacity'));
      return {
        contentType: 'text/xml',
        body: '<SetDesiredCapacityResponse><ResponseMetadata><RequestId>r2</RequestId></ResponseMetadata></SetDesiredCapacityResponse>',
      };
    }
    return { status: 400, body: '' };
  });
  const server = await startServerWith(
    `[[ec2]]\n  enabled = true\n  id = "eu"\n  region = "eu-west-1"\n  access-key = "${ACCESS_KEY}"\n  secret-key = "${SECRET_KEY}"\n  endpoint = "${peer.url}"\n`,
  );
  try {
    const reply = await defineTask(
      server,
      'ec2',
      `stream|from().measurement('cpu')
        |ec2Autoscale().cluster('eu').groupNameTag('asg').outputGroupNameTag('group').replicas(lambda: int("usage" / 20.0)).min(1).max(4)
        |httpOut('events')`,
    );
    assert.equal(reply.status, 200, reply.text);
    await write(server, 'cpu,asg=asg-web usage=70 5\ncpu,asg=asg-web usage=200 6');
    await until(() => peer.requests.length === 3);

    const actions = peer.requests.map((r) => Object.fromEntries(new URLSearchParams(r.body)));
    assert.deepEqual(actions, [
      { Action: 'DescribeAutoScalingGroups', 'AutoScalingGroupNames.member.1': 'asg-web', Version: '2011-01-01' },
      { Action: 'SetDesiredCapacity', AutoScalingGroupName: 'asg-web', DesiredCapacity: '3', HonorCooldown: 'false', Version: '2011-01-01' },
      { Action: 'SetDesiredCapacity', AutoScalingGroupName: 'asg-web', DesiredCapacity: '4', HonorCooldown: 'false', Version: '2011-01-01' },
    ]);
    for (const req of peer.requests) {
      assert.equal(req.method, 'POST');
      assert.match(String(req.headers.authorization), /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/autoscaling\/aws4_request, /);
      assert.equal(req.headers.authorization, expectedAuthorization(req));
    }
    assert.equal(capacity['asg-web'], 4);
    await until(async () => (await httpOut(server, 'ec2', 'events')).series?.[0]?.values[0]?.[0] === '1970-01-01T00:00:06Z');
    assert.deepEqual((await httpOut(server, 'ec2', 'events')).series, [
      { name: 'cpu', tags: { group: 'asg-web' }, columns: ['time', 'new', 'old'], values: [['1970-01-01T00:00:06Z', 4, 3]] },
    ]);
  } finally {
    await server.close();
    await peer.close();
  }
});
