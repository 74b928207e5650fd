// SeaTunnel's config shade: with env `shade.identifier` = base64, the sensitive options of
// every source and sink (password, username, auth, token) are stored base64-encoded.
// /encrypt-config encodes them; a submitted job's config is decoded before it runs.

import { JobDefineError } from '../../jobs/errors.js';

export const SENSITIVE_OPTIONS = ['password', 'username', 'auth', 'token'];

type Shade = { encrypt(text: string): string; decrypt(text: string): string };

const SHADES: Record<string, Shade> = {
  base64: {
    encrypt: (text) => Buffer.from(text, 'utf8').toString('base64'),
    decrypt: (text) => Buffer.from(text, 'base64').toString('utf8'),
  },
  default: { encrypt: (text) => text, decrypt: (text) => text },
};

function shadeConfig(config: Record<string, unknown>, decrypt: boolean): Record<string, unknown> {
  const env = (config.env ?? {}) as Record<string, unknown>;
  const identifier = String(env['shade.identifier'] ?? 'default');
  const shade = SHADES[identifier] ?? SHADES.default!;
  const sources = config.source;
  const sinks = config.sink;
  if (!Array.isArray(sources) || sources.length === 0) throw new JobDefineError('Miss <Source> config! Please check the config file.');
  if (!Array.isArray(sinks) || sinks.length === 0) throw new JobDefineError('Miss <Sink> config! Please check the config file.');
  const apply = (plugin: unknown) => {
    if (plugin === null || typeof plugin !== 'object') return plugin;
    const copy: Record<string, unknown> = { ...(plugin as Record<string, unknown>) };
    for (const option of SENSITIVE_OPTIONS) {
      if (copy[option] !== undefined && copy[option] !== null)
        copy[option] = decrypt ? shade.decrypt(String(copy[option])) : shade.encrypt(String(copy[option]));
    }
    return copy;
  };
  return { ...config, source: sources.map(apply), sink: sinks.map(apply) };
}

export function encryptConfig(config: Record<string, unknown>): Record<string, unknown> {
  return shadeConfig(config, false);
}

/** Decodes a submitted config when it names a shade; unchanged otherwise. */
export function decryptConfig(config: Record<string, unknown>): Record<string, unknown> {
  const env = config.env as Record<string, unknown> | undefined;
  if (env === undefined || env === null || env['shade.identifier'] === undefined) return config;
  return shadeConfig(config, true);
}
