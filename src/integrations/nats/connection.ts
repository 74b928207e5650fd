// One connection to NATS for a cluster node: the core connection, the JetStream client and
// manager, and the KV manager. Reconnects forever (a restarted nats-server is waited for);
// never decides anything about the cluster itself.

import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';

export interface NatsPeer {
  readonly nc: NatsConnection;
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  readonly kvm: Kvm;
  close(): Promise<void>;
}

export async function connectNats(urls: string[], name: string): Promise<NatsPeer> {
  const nc = await connect({
    servers: urls,
    name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 250,
    pingInterval: 2000,
  });
  const js = jetstream(nc, { timeout: 10_000 });
  const jsm = await jetstreamManager(nc, { timeout: 10_000 });
  const kvm = new Kvm(js);
  return {
    nc,
    js,
    jsm,
    kvm,
    async close() {
      if (nc.isClosed()) return;
      try {
        await nc.drain();
      } catch {
        await nc.close();
      }
    },
  };
}
