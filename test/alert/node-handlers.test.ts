import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nodeHandlerSpec } from '../../src/alert/node-handlers.js';
import type { PropertyCall, PropertyValue } from '../../src/pipeline/types.js';

const position = { line: 1, column: 1, offset: 0 } as unknown as PropertyCall['position'];
function call(name: string, args: PropertyValue[], children: Array<[string, PropertyValue[]]> = []): PropertyCall {
  return { name, args, position, children: children.map(([child, childArgs]) => ({ name: child, args: childArgs, position })) };
}

test('handler property chains become topic handler options', () => {
  assert.deepEqual(
    nodeHandlerSpec(
      call(
        'post',
        ['http://x'],
        [
          ['header', ['A', 'b']],
          ['header', ['C', 'd']],
          ['captureResponse', []],
        ],
      ),
    ),
    { kind: 'post', options: { url: 'http://x', headers: { A: 'b', C: 'd' }, 'capture-response': true } },
  );
  assert.deepEqual(nodeHandlerSpec(call('post', [], [['endpoint', ['test']]])), { kind: 'post', options: { endpoint: 'test' } });
  assert.deepEqual(nodeHandlerSpec(call('exec', ['/bin/prog', 'a', 'b'])), { kind: 'exec', options: { prog: '/bin/prog', args: ['a', 'b'] } });
  assert.deepEqual(nodeHandlerSpec(call('log', ['/tmp/a.log'], [['mode', [420n]]])), { kind: 'log', options: { path: '/tmp/a.log', mode: 420 } });
  assert.deepEqual(nodeHandlerSpec(call('email', ['a@x'], [['to', ['b@x', 'c@x']]])), { kind: 'email', options: { to: ['a@x', 'b@x', 'c@x'] } });
  assert.deepEqual(
    nodeHandlerSpec(
      call(
        'pagerDuty2',
        [],
        [
          ['routingKey', ['rk']],
          ['link', ['http://l', 'L']],
        ],
      ),
    ),
    { kind: 'pagerduty2', options: { 'routing-key': 'rk', links: [{ href: 'http://l', text: 'L' }] } },
  );
  assert.deepEqual(
    nodeHandlerSpec(
      call(
        'slack',
        [],
        [
          ['workspace', ['w']],
          ['iconEmoji', [':x:']],
        ],
      ),
    ),
    { kind: 'slack', options: { workspace: 'w', 'icon-emoji': ':x:' } },
  );
  assert.deepEqual(
    nodeHandlerSpec(
      call(
        'kafka',
        [],
        [
          ['cluster', ['c']],
          ['kafkaTopic', ['t']],
        ],
      ),
    ),
    { kind: 'kafka', options: { cluster: 'c', topic: 't' } },
  );
  assert.deepEqual(
    nodeHandlerSpec(
      call(
        'mqtt',
        ['alerts'],
        [
          ['brokerName', ['b']],
          ['qos', [1n]],
          ['retained', [true]],
        ],
      ),
    ),
    { kind: 'mqtt', options: { topic: 'alerts', 'broker-name': 'b', qos: 1, retained: true } },
  );
  assert.deepEqual(nodeHandlerSpec(call('snmpTrap', ['1.3.6'], [['data', ['1.3.6.1', 's', '{{ .ID }}']]])), {
    kind: 'snmptrap',
    options: { 'trap-oid': '1.3.6', 'data-list': [{ oid: '1.3.6.1', type: 's', value: '{{ .ID }}' }] },
  });
  assert.deepEqual(nodeHandlerSpec(call('opsGenie2', [], [['teams', ['t1', 't2']]])), { kind: 'opsgenie2', options: { teams: ['t1', 't2'] } });
  assert.deepEqual(nodeHandlerSpec(call('opsGenie', [], [['recipients', ['r1']]])), { kind: 'opsgenie', options: { recipients: ['r1'] } });
  assert.deepEqual(
    nodeHandlerSpec(
      call(
        'sensu',
        [],
        [
          ['handlers', ['h1', 'h2']],
          ['metadata', ['k', 'v']],
        ],
      ),
    ),
    { kind: 'sensu', options: { handlers: ['h1', 'h2'], metadata: { k: 'v' } } },
  );
  assert.deepEqual(
    nodeHandlerSpec(
      call(
        'alerta',
        [],
        [
          ['services', ['s1']],
          ['timeout', [{ kind: 'duration', ns: 10_000_000_000n, literal: '10s' }]],
        ],
      ),
    ),
    { kind: 'alerta', options: { service: ['s1'], timeout: '10s' } },
  );
});
