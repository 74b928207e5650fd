// `kapacitor cluster`: the members of the cluster as GET /kapacitor/v1/cluster reports them,
// one line per node (id, alive, last seen, URL, task count), then each node's tasks.

import type { CliIO, Command, CommandContext } from './context.js';
import { padRight } from './go-format.js';
import { printUsage } from './usage.js';

const USAGE = `Usage: kapacitor cluster

	Shows the nodes of the cluster, whether each is alive, and the tasks each runs.
`;

interface ClusterDoc {
  nodes?: Array<{ id: string; url: string; alive: boolean; lastSeen: string; tasks: string[] }>;
}

export const clusterCommand: Command = {
  name: 'cluster',
  usage(io: CliIO) {
    printUsage(io, USAGE);
  },
  async run(_args: string[], { io, client }: CommandContext) {
    const doc = (await client.json<ClusterDoc>('GET', '/kapacitor/v1/cluster')) ?? {};
    const nodes = doc.nodes ?? [];
    const idWidth = Math.max(4, ...nodes.map((n) => n.id.length)) + 1;
    io.out(`${padRight('Node', idWidth)}${padRight('Alive', 7)}${padRight('Last Seen', 31)}${padRight('Tasks', 7)}URL\n`);
    for (const n of nodes) {
      io.out(`${padRight(n.id, idWidth)}${padRight(String(n.alive), 7)}${padRight(n.lastSeen, 31)}${padRight(String(n.tasks.length), 7)}${n.url}\n`);
    }
    for (const n of nodes) {
      if (n.tasks.length > 0) io.out(`\n${n.id}:\n${n.tasks.map((t) => `  ${t}\n`).join('')}`);
    }
  },
};
