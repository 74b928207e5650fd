// Rendezvous (highest random weight) placement: a task runs on the live member with the highest
// hash of (member, task). Every node computes the same answer from the same member list, and
// a member joining or leaving moves only the tasks it wins or held.

import { createHash } from 'node:crypto';

function weight(member: string, taskId: string): bigint {
  return createHash('sha256').update(member).update('\n').update(taskId).digest().readBigUInt64BE(0);
}

export function placeTask(taskId: string, members: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestWeight = -1n;
  for (const member of members) {
    const w = weight(member, taskId);
    if (w > bestWeight || (w === bestWeight && best !== undefined && member < best)) {
      best = member;
      bestWeight = w;
    }
  }
  return best;
}
