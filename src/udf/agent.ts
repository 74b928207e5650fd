// One connection to a UDF agent: a child process spoken to over its stdin/stdout, or a unix
// socket. Sends framed Requests, decodes framed Responses and reports every failure (spawn
// error, exit, broken frame, decode error) once through `failure`; never throws later.

import { spawn, type ChildProcess } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import type { Writable } from 'node:stream';
import type { UdfFunctionConfig } from './config.js';
import { FrameReader, frameMessage } from './framing.js';
import { decodeResponse, encodeRequest, type InfoResponse, type UdfRequest, type UdfResponse } from './messages.js';

export interface AgentHandlers {
  response(response: UdfResponse): void;
  /** The agent is gone or unusable; called at most once, never after close(). */
  failure(error: Error): void;
  /** A line the agent wrote on stderr (processes only). */
  stderr?(line: string): void;
}

export class UdfAgent {
  private readonly frames = new FrameReader();
  private closed = false;
  private failed = false;
  private readonly output: Writable;
  private readonly child: ChildProcess | undefined;
  private readonly socket: Socket | undefined;

  constructor(
    readonly config: UdfFunctionConfig,
    private readonly handlers: AgentHandlers,
  ) {
    if (config.socket !== '') {
      const socket = connect(config.socket);
      this.socket = socket;
      this.output = socket;
      socket.on('data', (chunk: Buffer) => this.data(chunk));
      socket.on('error', (error) => this.fail(new Error(`udf socket ${config.socket}: ${error.message}`)));
      socket.on('close', () => this.fail(new Error('udf socket closed')));
    } else {
      // As in Kapacitor: a configured env replaces the environment; none inherits the server's.
      const env = Object.keys(config.env).length > 0 ? { ...config.env } : process.env;
      const child = spawn(config.prog, [...config.args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
      this.child = child;
      this.output = child.stdin!;
      child.stdout.on('data', (chunk: Buffer) => this.data(chunk));
      child.stdin.on('error', (error) => this.fail(new Error(`write error: ${error.message}`)));
      let errText = '';
      child.stderr.setEncoding('utf8').on('data', (text: string) => {
        errText += text;
        let nl: number;
        while ((nl = errText.indexOf('\n')) >= 0) {
          this.handlers.stderr?.(errText.slice(0, nl));
          errText = errText.slice(nl + 1);
        }
      });
      child.on('error', (error) => this.fail(new Error(`failed to start ${config.prog}: ${error.message}`)));
      child.on('exit', (code, signal) => this.fail(new Error(`udf process exited: ${signal !== null ? `signal: ${signal}` : `exit status ${code}`}`)));
    }
  }

  send(request: UdfRequest): void {
    if (this.closed || this.failed) return;
    this.output.write(frameMessage(encodeRequest(request)));
  }

  get usable(): boolean {
    return !this.closed && !this.failed;
  }

  /** Closes the agent's input (it should exit) and kills it if it lingers. */
  close(graceMs = 1000): void {
    if (this.closed) return;
    this.closed = true;
    if (this.socket !== undefined) {
      this.socket.destroy();
      return;
    }
    const child = this.child!;
    child.stdin!.end();
    if (child.exitCode === null && child.signalCode === null) {
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      timer.unref();
      child.once('exit', () => clearTimeout(timer));
    }
  }

  private data(chunk: Buffer): void {
    if (this.closed || this.failed) return;
    let messages: Buffer[];
    try {
      messages = this.frames.push(chunk);
    } catch (error) {
      this.fail(new Error(`invalid response framing: ${(error as Error).message}`));
      return;
    }
    for (const bytes of messages) {
      let response: UdfResponse;
      try {
        response = decodeResponse(bytes);
      } catch (error) {
        this.fail(new Error(`invalid response: ${(error as Error).message}`));
        return;
      }
      this.handlers.response(response);
      if (this.closed || this.failed) return;
    }
  }

  private fail(error: Error): void {
    if (this.closed || this.failed) return;
    this.failed = true;
    this.handlers.failure(error);
    this.child?.kill('SIGKILL');
    this.socket?.destroy();
  }
}

/** Starts the agent, asks for its Info, and stops it (what the server does for each function at startup). */
export function fetchInfo(config: UdfFunctionConfig): Promise<InfoResponse> {
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const done = (error: Error | undefined, info?: InfoResponse): void => {
      if (timer !== undefined) clearTimeout(timer);
      agent.close();
      if (error !== undefined) reject(error);
      else resolve(info!);
    };
    const agent = new UdfAgent(config, {
      response: (response) => {
        if (response.kind === 'info') done(undefined, response.info);
        else if (response.kind === 'error') done(new Error(`udf error: ${response.error}`));
      },
      failure: (error) => done(error),
    });
    if (config.timeoutMs > 0) timer = setTimeout(() => done(new Error('timeout waiting for info response')), config.timeoutMs);
    agent.send({ kind: 'info' });
  });
}
