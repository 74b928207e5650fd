// The young generation of engine worker threads. The launchers start Node with a small
// semi-space (--max-semi-space-size=4) to keep the main thread's RSS down, and V8 applies that
// flag to every isolate, worker threads included; a Worker's resourceLimits can only lower it.
// A worker decodes every point it is handed into fresh objects, and with 4 MB semi-spaces many
// of them were still referenced at each scavenge and copied (on W2 the worker's scavenges fell
// from 13% to 9% of its busy time with 16 MB). So the flag is raised just while the workers'
// isolates are created and put back once they are running: the main thread keeps its small
// young generation. Never lowers a size the operator gave, and never touches other flags.

import { setFlagsFromString } from 'node:v8';
import { givenNodeFlag } from './node-flags.js';

/** Semi-space size (MiB) an engine worker's young generation may grow to. */
export const WORKER_SEMI_SPACE_MB = 16;

/** The semi-space size Node was started with (command line over NODE_OPTIONS), if one was given. */
export function givenSemiSpaceMb(execArgv: readonly string[], nodeOptions: string | undefined): number | undefined {
  const given = givenNodeFlag('max-semi-space-size', execArgv, nodeOptions);
  return given === undefined || !/^\d+$/.test(given) ? undefined : Number(given);
}

/**
 * Runs `spawn` (which creates the worker threads) with the semi-space flag raised to
 * WORKER_SEMI_SPACE_MB when Node was started with a smaller one; the returned function puts the
 * flag back and is to be called once every worker is online (calling it again does nothing).
 */
export function spawnWithWorkerSemiSpace(
  spawn: () => void,
  execArgv: readonly string[] = process.execArgv,
  nodeOptions: string | undefined = process.env.NODE_OPTIONS,
  setFlags: (flags: string) => void = setFlagsFromString,
): () => void {
  const given = givenSemiSpaceMb(execArgv, nodeOptions);
  if (given === undefined || given >= WORKER_SEMI_SPACE_MB) {
    spawn();
    return () => undefined;
  }
  setFlags(`--max-semi-space-size=${WORKER_SEMI_SPACE_MB}`);
  let restored = false;
  const restore = (): void => {
    if (restored) return;
    restored = true;
    setFlags(`--max-semi-space-size=${given}`);
  };
  try {
    spawn();
  } catch (error) {
    restore();
    throw error;
  }
  return restore;
}
