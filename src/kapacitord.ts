// The kapacitord command: `kapacitord [run] [-config FILE] [-pidfile FILE] [-hostname NAME]
// [-log-file FILE] [-log-level LEVEL]`, `kapacitord config` (print the default configuration)
// and `kapacitord version`. Starts the server and stops it gracefully on SIGINT/SIGTERM.

import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { KapacitorServer, type JobsSettings } from './server.js';
import { loadConfig, renderDefaultConfig, type Config } from './config/index.js';
import { ConfigError } from './config/errors.js';
import { parseBindAddress } from './config/bind-address.js';
import { createLogger, LevelControl } from './logging/logger.js';
import { LogTap } from './logging/log-tap.js';
import { FlagSet } from './cli/flags.js';
import { KAPACITOR_VERSION } from './models/version.js';
import type { HttpsOptions } from './http/server.js';
import { logStartupSummary } from './startup-summary.js';
import { applyHeapGrowth } from './util/heap-growth.js';

const USAGE = `Usage: kapacitord [command] [options]

Commands:
    run      run the server (default)
    config   print the default configuration
    version  print the version
`;

export async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv[0] !== undefined && !argv[0].startsWith('-') ? argv : ['run', ...argv];
  switch (command) {
    case 'config':
      process.stdout.write(renderDefaultConfig());
      return;
    case 'version':
      process.stdout.write(`Kapacitor OSS ${KAPACITOR_VERSION} (kapacitor-ts)\n`);
      return;
    case 'run':
      await run(rest);
      return;
    case 'help':
      process.stdout.write(USAGE);
      return;
    default:
      process.stderr.write(`unknown command ${JSON.stringify(command)}\n${USAGE}`);
      process.exit(1);
  }
}

function jobsSettings(config: Config): JobsSettings {
  const bind = parseBindAddress(config.jobs.bindAddress);
  return {
    enabled: config.jobs.enabled,
    bindHost: bind.host === '' ? '127.0.0.1' : bind.host,
    bindPort: bind.port,
    contextPath: config.jobs.contextPath,
    enableDynamicPort: config.jobs.enableDynamicPort,
    portRange: config.jobs.portRange,
    historyLimit: config.jobs.historyLimit,
    logDir: config.jobs.logDir,
  };
}

async function run(argv: string[]): Promise<void> {
  const flags = new FlagSet('kapacitord run');
  const configPath = flags.string('config', '', 'Path to the configuration file.');
  const pidFile = flags.string('pidfile', '', 'Write the process ID to this file.');
  const hostname = flags.string('hostname', '', 'Override the hostname the server identifies itself with.');
  const logFile = flags.string('log-file', '', 'Write logs to this file (STDERR, STDOUT or a path).');
  const logLevel = flags.string('log-level', '', 'Log level: debug, info, warn, error or off.');
  const disableHandlers = flags.string('disable-handlers', '', 'Comma-separated alert handler kinds to refuse (e.g. exec,log).');
  const strictConfig = flags.bool('strict-config', false, 'Refuse to start when the configuration has unknown or unsupported sections or keys.');
  const parsed = flags.parse(argv);
  if (parsed.help) {
    process.stdout.write(flags.usage());
    return;
  }
  if (parsed.error !== undefined) {
    process.stderr.write(`${parsed.error}\n${flags.usage()}`);
    process.exit(2);
  }
  applyHeapGrowth();

  let config: Config;
  const configFile = configPath.value || process.env.KAPACITOR_CONFIG_PATH || undefined;
  const warnings: string[] = [];
  try {
    config = loadConfig({ path: configFile, env: process.env, warnings, strict: strictConfig.value });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  if (hostname.value !== '') config.hostname = hostname.value;
  if (logFile.value !== '') config.logging.file = logFile.value;
  if (logLevel.value !== '') config.logging.level = logLevel.value.toUpperCase();
  if (disableHandlers.value !== '')
    config.alert.disableHandlers = disableHandlers.value
      .split(',')
      .map((kind) => kind.trim())
      .filter((kind) => kind !== '');

  const logTap = new LogTap();
  const levelControl = new LevelControl(config.logging.level);
  const logger = createLogger(config.logging, { tap: logTap, levelControl });
  for (const warning of warnings) logger.warn({ service: 'config' }, warning);
  const bind = parseBindAddress(config.http.bindAddress);
  let https: { cert: Buffer; key: Buffer } | undefined;
  if (config.http.httpsEnabled) {
    try {
      const cert = readFileSync(config.http.httpsCertificate);
      https = { cert, key: config.http.httpsPrivateKey ? readFileSync(config.http.httpsPrivateKey) : cert, ...tlsLimits(config) };
    } catch (error) {
      const { code, path } = error as NodeJS.ErrnoException;
      const reason = code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
      process.stderr.write(`run: open server: open ${path ?? config.http.httpsCertificate}: ${reason}\n`);
      process.exit(1);
    }
  }

  let server: KapacitorServer;
  try {
    server = await KapacitorServer.open(
      {
        hostname: config.hostname,
        dataDir: config.dataDir,
        storagePath: config.storage.boltdb,
        // An empty host (":9092") means every interface, as in Kapacitor.
        bindHost: bind.host === '' ? '0.0.0.0' : bind.host,
        bindPort: bind.port,
        logEnabled: config.http.logEnabled,
        maxBodySize: config.http.maxBodySize,
        defaultRetentionPolicy: config.defaultRetentionPolicy,
        https,
        logTap,
        logLevel: levelControl,
        influxdb: config.influxdb,
        replayDir: config.replay.dir,
        config: () => config,
        cluster: config.cluster,
        jobs: jobsSettings(config),
      },
      logger,
    );
  } catch (error) {
    // Start-up problems (no way to log in, address in use, ...) are one line, never a stack trace.
    process.stderr.write(`run: open server: ${startupProblem(error)}\n`);
    process.exit(1);
  }
  logStartupSummary(logger, config, configFile, server);

  if (pidFile.value !== '') writeFileSync(pidFile.value, `${process.pid}\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'signal received, shutting down');
    // [http] shutdown-timeout bounds the whole shutdown, whatever is stuck.
    const timeoutMs = config.http.shutdownTimeout;
    const timer =
      timeoutMs > 0
        ? setTimeout(() => {
            logger.error({ timeout: `${timeoutMs / 1000}s` }, 'shutdown timed out, exiting');
            if (pidFile.value !== '') rmSync(pidFile.value, { force: true });
            process.exit(1);
          }, timeoutMs)
        : undefined;
    await server.close();
    clearTimeout(timer);
    if (pidFile.value !== '') rmSync(pidFile.value, { force: true });
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGHUP', () => {
    logger.info({ signal: 'SIGHUP' }, 'reloading tasks/templates/handlers and sideload sources');
    void server.reload();
  });
}

const TLS_VERSIONS = { 'tls1.0': 'TLSv1', 'tls1.1': 'TLSv1.1', 'tls1.2': 'TLSv1.2', 'tls1.3': 'TLSv1.3' } as const;

/** [tls] min-version, max-version and ciphers as Node's TLS options. */
function tlsLimits(config: Config): Pick<HttpsOptions, 'minVersion' | 'maxVersion' | 'ciphers'> {
  const { minVersion, maxVersion, ciphers } = config.tls;
  return {
    ...(minVersion === '' ? {} : { minVersion: TLS_VERSIONS[minVersion as keyof typeof TLS_VERSIONS] }),
    ...(maxVersion === '' ? {} : { maxVersion: TLS_VERSIONS[maxVersion as keyof typeof TLS_VERSIONS] }),
    ...(ciphers.length === 0 ? {} : { ciphers: ciphers.join(':') }),
  };
}

function startupProblem(error: unknown): string {
  const code = (error as { code?: string }).code;
  const address = error as { address?: string; port?: number };
  if (code === 'EADDRINUSE') return `listen tcp ${address.address ?? ''}:${address.port ?? ''}: bind: address already in use`;
  if (code === 'EACCES' && address.port !== undefined) return `listen tcp ${address.address ?? ''}:${address.port}: bind: permission denied`;
  return error instanceof Error ? error.message : String(error);
}
