// The autoscale nodes' peers: the engine's AutoscalePort over the running configuration's
// [[kubernetes]], [[swarm]] and [[ec2]] sections. A node names its cluster by id; an unknown id
// or a disabled cluster is refused with Kapacitor's words, when the task starts. The scaler a
// node gets follows the section: a client is made once per section content and replaced when
// the section changes (a config override), as Kapacitor's clients take config updates.

import type { Config, Ec2Config, KubernetesConfig, SwarmConfig } from '../config/sections.js';
import type { AutoscalePort, Scaler } from '../engine/ports.js';
import { Ec2ScaleClient } from './ec2/scale-client.js';
import { KubernetesScaleClient } from './kubernetes/scale-client.js';
import { SwarmScaleClient } from './swarm/scale-client.js';

type Kind = Parameters<AutoscalePort['scaler']>[0];

interface Peer<C extends { enabled: boolean; id: string }> {
  sections(config: Partial<Config>): readonly C[] | undefined;
  /** How service.go Client() names an unknown id. */
  unknown(id: string): string;
  create(section: C): Scaler;
}

const PEERS: { [K in Kind]: Peer<K extends 'kubernetes' ? KubernetesConfig : K extends 'swarm' ? SwarmConfig : Ec2Config> } = {
  kubernetes: {
    sections: (config) => config.kubernetes,
    unknown: (id) => `unknown kubernetes cluster ${JSON.stringify(id)}, cannot get client`,
    create: (section) => new KubernetesScaleClient(section),
  },
  swarm: {
    sections: (config) => config.swarm,
    unknown: (id) => `unknown swarm cluster ${JSON.stringify(id)}, cannot get client`,
    create: (section) => new SwarmScaleClient(section),
  },
  ec2: {
    sections: (config) => config.ec2,
    unknown: (id) => `unknown ec2 region ${JSON.stringify(id)}, cannot get client`,
    create: (section) => new Ec2ScaleClient(section),
  },
};

export class AutoscalePeers implements AutoscalePort {
  private readonly clients = new Map<string, { content: string; scaler: Scaler }>();

  constructor(private readonly config: () => Partial<Config>) {}

  scaler(kind: Kind, cluster: string): Scaler {
    this.current(kind, cluster);
    return {
      replicas: (resource) => this.current(kind, cluster).replicas(resource),
      setReplicas: (resource, replicas) => this.current(kind, cluster).setReplicas(resource, replicas),
    };
  }

  /** The client of the cluster's section as configured now. */
  private current(kind: Kind, cluster: string): Scaler {
    const peer = PEERS[kind] as Peer<{ enabled: boolean; id: string }>;
    // service.go keeps the clusters in a map by id: the last section of an id wins
    const section = (peer.sections(this.config()) ?? []).filter((s) => s.id === cluster).pop();
    if (section === undefined) throw new Error(peer.unknown(cluster));
    if (!section.enabled) throw new Error('service is not enabled');
    const key = `${kind}\n${cluster}`;
    const content = JSON.stringify(section);
    const cached = this.clients.get(key);
    if (cached !== undefined && cached.content === content) return cached.scaler;
    let scaler: Scaler;
    try {
      scaler = peer.create(section);
    } catch (error) {
      throw new Error(`failed to create ${kind === 'kubernetes' ? 'k8s' : kind} client: ${(error as Error).message}`, { cause: error });
    }
    this.clients.set(key, { content, scaler });
    return scaler;
  }
}
