// A scrape target cannot exhaust the server's memory: a body (or its gzip expansion) past the
// limit fails the scrape with a clear error instead of being held.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { gzipSync } from 'node:zlib';
import { SCRAPE_BODY_LIMIT, scrapeText } from '../../../src/services/scraper/scrape.js';
import { scrapeClient } from './scrape-client.js';

const client = scrapeClient();

async function serve(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}/metrics` };
}

test('a gzip body that inflates past the limit fails the scrape', async () => {
  const bomb = gzipSync(Buffer.alloc(SCRAPE_BODY_LIMIT + 1024, 'a'));
  const { server, url } = await serve((_request, response) => {
    response.writeHead(200, { 'Content-Encoding': 'gzip' });
    response.end(bomb);
  });
  try {
    await assert.rejects(scrapeText(url, client), /body size limit exceeded/);
  } finally {
    server.close();
  }
});

test('a body longer than the limit fails the scrape before it is all read', async () => {
  const chunk = Buffer.alloc(1024 * 1024, 'a');
  const { server, url } = await serve((_request, response) => {
    response.writeHead(200);
    let sent = 0;
    const more = (): void => {
      while (sent <= SCRAPE_BODY_LIMIT + chunk.length) {
        sent += chunk.length;
        if (!response.write(chunk)) {
          response.once('drain', more);
          return;
        }
      }
      response.end();
    };
    response.on('error', () => undefined);
    more();
  });
  try {
    await assert.rejects(scrapeText(url, client), /body size limit exceeded/);
  } finally {
    server.closeAllConnections();
    server.close();
  }
});
