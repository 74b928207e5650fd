// The length cap on every id a user names (tasks, templates, recordings, replays, topics,
// handlers, users): long enough for any sensible name, short enough for any store key.

export const MAX_ID_BYTES = 255;

/** The 400 text for an id over the cap, or undefined when it fits. */
export function idTooLong(what: string, id: string): string | undefined {
  if (id.length <= MAX_ID_BYTES / 3) return undefined;
  const bytes = Buffer.byteLength(id);
  return bytes > MAX_ID_BYTES ? `${what} is too long: ${bytes} bytes, the limit is ${MAX_ID_BYTES}` : undefined;
}
