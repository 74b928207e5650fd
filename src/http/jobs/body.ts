// Request bodies of the job API, read as SeaTunnel reads them: an empty body and a body that
// is not JSON are 400s with its messages; job ids stay exact even past 2^53.

export class RequestError extends Error {}

/** Quotes bare numeric jobId values so JSON.parse keeps every digit. */
function quoteJobIds(text: string): string {
  return text.replace(/("jobId"\s*:\s*)(-?\d+)(?=\s*[,}\]])/g, '$1"$2"');
}

export function readJsonBody(body: unknown): unknown {
  const text = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : '';
  if (text.trim() === '') throw new RequestError('Request body is empty.');
  try {
    return JSON.parse(quoteJobIds(text));
  } catch {
    throw new RequestError('Invalid JSON format in request body.');
  }
}

export function readJsonObject(body: unknown): Record<string, unknown> {
  const value = readJsonBody(body);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new RequestError('Invalid JSON format in request body.');
  return value as Record<string, unknown>;
}

export function readJsonArray(body: unknown): unknown[] {
  const value = readJsonBody(body);
  if (!Array.isArray(value)) throw new RequestError('Invalid JSON format in request body.');
  return value;
}
