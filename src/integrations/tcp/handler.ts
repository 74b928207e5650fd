// The `tcp` alert handler: opens a connection to host:port for each event, writes the alert
// data JSON and a newline, and closes it, as Kapacitor does.

import { connect } from 'node:net';
import { alertDataJSON, type AlertEvent } from '../../alert/event.js';
import type { AlertHandler } from '../../alert/handler.js';
import { HandlerOptionError, numberOption, stringOption, type HandlerOptions } from '../../alert/handler-context.js';

export function splitHostPort(address: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:]*)):(\d+)$/.exec(address);
  if (match === null) throw new HandlerOptionError(`invalid address ${JSON.stringify(address)}: expected host:port`);
  return { host: match[1] ?? (match[2] === '' ? '127.0.0.1' : match[2]!), port: Number(match[3]) };
}

/** Sends text over one short-lived TCP connection. */
export function sendTCP(address: string, text: string, timeoutMs: number): Promise<void> {
  const { host, port } = splitHostPort(address);
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`tcp ${address}: timeout`)));
    socket.once('error', reject);
    socket.once('connect', () => socket.end(text));
    socket.once('close', (hadError) => {
      if (!hadError) resolve();
    });
  });
}

export class TcpHandler implements AlertHandler {
  readonly address: string;
  private readonly timeoutMs: number;

  constructor(options: HandlerOptions) {
    this.address = stringOption(options, 'address');
    splitHostPort(this.address);
    this.timeoutMs = numberOption(options, 'timeout-ms', 10_000);
  }

  handle(event: AlertEvent): Promise<void> {
    return sendTCP(this.address, alertDataJSON(event) + '\n', this.timeoutMs);
  }
}
