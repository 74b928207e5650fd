// One HTTP request for the HTTP-based alert handlers (undici): a body, headers, a timeout and
// optional TLS verification skipping; a non-2xx answer is an error naming status and body.

import { Agent, request } from 'undici';

const insecureAgent = new Agent({ connect: { rejectUnauthorized: false } });

export interface SendOptions {
  method?: 'POST' | 'PUT' | 'GET';
  headers?: Record<string, string>;
  timeoutMs?: number;
  insecureSkipVerify?: boolean;
}

export interface SendResult {
  status: number;
  body: string;
}

export async function sendHTTP(url: string, body: string | undefined, options: SendOptions = {}): Promise<SendResult> {
  const timeout = options.timeoutMs ?? 30_000;
  const response = await request(url, {
    method: options.method ?? 'POST',
    headers: options.headers,
    body,
    headersTimeout: timeout,
    bodyTimeout: timeout,
    dispatcher: options.insecureSkipVerify ? insecureAgent : undefined,
  });
  const text = await response.body.text();
  if (response.statusCode < 200 || response.statusCode >= 300) {
    throw new Error(`POST ${url}: unexpected response status ${response.statusCode}${text === '' ? '' : ': ' + text.slice(0, 512)}`);
  }
  return { status: response.statusCode, body: text };
}

/** POSTs a JSON value (Content-Type: application/json). */
export function postJSON(url: string, value: unknown, options: SendOptions = {}): Promise<SendResult> {
  return sendHTTP(url, JSON.stringify(value), { ...options, headers: { 'Content-Type': 'application/json', ...options.headers } });
}
