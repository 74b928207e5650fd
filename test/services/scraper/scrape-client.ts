// A scrape client for tests: no credentials, no TLS files, no proxy, unless overridden.

import type { ScrapeClient } from '../../../src/services/scraper/scrape.js';

export function scrapeClient(overrides: Partial<ScrapeClient> = {}): ScrapeClient {
  return {
    timeoutMs: 10_000,
    username: '',
    password: '',
    bearerToken: '',
    sslCa: '',
    sslCert: '',
    sslKey: '',
    sslServerName: '',
    insecureSkipVerify: false,
    proxyUrl: '',
    ...overrides,
  };
}
