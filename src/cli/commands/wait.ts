// Waiting for a recording or replay to finish: polls its link, shows its progress on stderr when
// a terminal watches, prints its ID, and turns a failure into the command's error.

import { type CommandContext } from './context.js';
import { CommandError } from './errors.js';

/** What the API answers for a recording or replay. */
export interface Job {
  id: string;
  link?: { href: string };
  status?: string;
  progress?: number;
  error?: string;
}

/** The progress line of a running job; the default shows its progress as a percentage. */
export type ProgressText = (job: Job) => string;

/** Prints the job's ID once it is done (or at once with noWait); fails when the job failed. */
export async function finishJob(
  context: CommandContext,
  kind: 'recording' | 'replay',
  started: Job,
  noWait: boolean,
  progressText?: ProgressText,
): Promise<void> {
  const { io, client } = context;
  let job = started;
  if (noWait) {
    io.out(`${job.id}\n`);
    return;
  }
  const label = kind === 'recording' ? 'Recording' : 'Replay';
  let shown = false;
  let last = '';
  while (job.status === 'running') {
    if (io.progress) {
      const text = `${label} ${job.id}: ${progressText?.(job) ?? `${Math.floor((job.progress ?? 0) * 100)}%`}`;
      if (text !== last) io.err(`\r\x1b[K${text}`);
      last = text;
      shown = true;
    }
    await new Promise((resolve) => setTimeout(resolve, io.pollIntervalMs));
    job = await client.json<Job>('GET', job.link?.href ?? `/kapacitor/v1/${kind}s/${encodeURIComponent(job.id)}`);
  }
  if (shown) io.err('\r\x1b[K');
  io.out(`${job.id}\n`);
  if (job.status === 'failed') {
    throw new CommandError(job.error || `${kind} failed: unknown reason`);
  }
}
