// Scraping through an HTTP proxy ([[scraper]] proxy-url), the way Go's HTTP transport (which
// Kapacitor's scraper uses) goes through one: an http:// target is asked for by sending its
// absolute URL as the request target to the proxy; an https:// target is reached through a
// CONNECT tunnel, TLS running end to end inside it. Credentials in the proxy URL are sent as
// Proxy-Authorization (Basic). Only http:// proxy URLs; the environment (HTTP_PROXY, ...) is
// never read, as Kapacitor's scraper does not read it. The target's own Authorization header
// is never put on a CONNECT request: for https targets it travels inside the tunnel only.

import { request as httpRequest, type ClientRequest, type OutgoingHttpHeaders, type RequestOptions } from 'node:http';
import type { Socket } from 'node:net';

/** Why a proxy-url cannot be used, or undefined when it can ('' means no proxy). */
export function proxyUrlProblem(text: string): string | undefined {
  if (text === '') return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `invalid proxy URL ${JSON.stringify(text)}`;
  }
  if (url.protocol !== 'http:') return `only http:// proxies are supported, got ${JSON.stringify(url.protocol.replace(/:$/, ''))}`;
  if (url.hostname === '') return `proxy URL ${JSON.stringify(text)} has no host`;
  return undefined;
}

export function parseProxyUrl(text: string): URL {
  const problem = proxyUrlProblem(text);
  if (problem !== undefined) throw new Error(problem);
  return new URL(text);
}

function proxyHeaders(proxy: URL): OutgoingHttpHeaders {
  if (proxy.username === '' && proxy.password === '') return {};
  const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  return { 'Proxy-Authorization': `Basic ${Buffer.from(credentials).toString('base64')}` };
}

function proxyEndpoint(proxy: URL): { host: string; port: number } {
  return { host: proxy.hostname.replace(/^\[|\]$/g, ''), port: proxy.port === '' ? 80 : Number(proxy.port) };
}

/** Request options sending a GET of an http:// target to the proxy (absolute-form request target). */
export function proxiedRequestOptions(proxy: URL, target: URL, headers: OutgoingHttpHeaders): RequestOptions {
  return {
    ...proxyEndpoint(proxy),
    method: 'GET',
    path: target.href,
    headers: { ...headers, Host: target.host, ...proxyHeaders(proxy) },
  };
}

/** Opens a CONNECT tunnel to an https:// target; `request` is the CONNECT request (destroy it to give up). */
export function openTunnel(proxy: URL, target: URL): { request: ClientRequest; socket: Promise<Socket> } {
  const authority = `${target.hostname}:${target.port === '' ? 443 : target.port}`;
  const request = httpRequest({ ...proxyEndpoint(proxy), method: 'CONNECT', path: authority, headers: { Host: authority, ...proxyHeaders(proxy) } });
  const socket = new Promise<Socket>((resolve, reject) => {
    request.on('connect', (response, tunnel: Socket) => {
      if (response.statusCode === 200) {
        resolve(tunnel);
        return;
      }
      tunnel.destroy();
      reject(new Error(`proxy refused CONNECT ${authority}: ${response.statusCode ?? 0} ${response.statusMessage ?? ''}`.trimEnd()));
    });
    request.on('error', reject);
  });
  request.end();
  return { request, socket };
}
