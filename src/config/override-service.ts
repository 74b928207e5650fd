// The running configuration and its API overrides: the file + KAPACITOR_* configuration with
// the stored overrides laid over it. Updates are checked, handed to the sections' listeners,
// stored in the embedded store (bucket config_overrides) and then seen by every config() reader.
// With [http] auth-enabled, a file path set here must be inside [auth] allowed-file-dirs.

import { isDeepStrictEqual } from 'node:util';
import type { Logger } from 'pino';
import type { ConfigSections } from './config-api.js';
import type { Store } from '../storage/store.js';
import { configSections } from './config-api.js';
import { withDefaults } from './defaults.js';
import { fileAccessCheck, FILE_PATH_OPTIONS } from './file-access.js';
import { decodeUpdateAction, planUpdate, UpdateError } from './override-update.js';
import { applyOverride, applyOverrides, OverrideError, splitOverrideId, type StoredOverride } from './overrides.js';
import type { Config } from './sections.js';

export const OVERRIDES_BUCKET = 'config_overrides';

/** Told of a changed section with the whole new configuration; throwing refuses the update. */
export type SectionListener = (config: Partial<Config>) => void | Promise<void>;

export class ConfigOverrideService {
  private live: Partial<Config>;
  private stored: StoredOverride[];
  private readonly listeners = new Map<string, SectionListener[]>();
  /** Updates run one at a time, in arrival order. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly base: Partial<Config>,
    private readonly logger?: Logger,
  ) {
    this.stored = store
      .list<StoredOverride>(OVERRIDES_BUCKET)
      .map(({ key, value }) => ({ id: key, options: value.options ?? {}, create: value.create === true }));
    this.live = base.skipConfigOverrides ? base : this.bootConfig();
  }

  /** The running configuration; replaced (never mutated) by each update. A section keeps its
   * object while its content is unchanged, so a reader may compare sections by identity. */
  current(): Partial<Config> {
    return this.live;
  }

  enabled(): boolean {
    return this.base.configOverride?.enabled ?? true;
  }

  sections(): ConfigSections {
    return configSections(withDefaults(this.live));
  }

  /** Stored overrides, in id order. */
  overrides(): readonly StoredOverride[] {
    return this.stored;
  }

  onUpdate(section: string, listener: SectionListener): void {
    const list = this.listeners.get(section) ?? [];
    list.push(listener);
    this.listeners.set(section, list);
  }

  /** One POST to /kapacitor/v1/config/<section>[/<element>]; throws UpdateError. */
  update(section: string, element: string, hasElement: boolean, body: string): Promise<void> {
    const run = this.queue.then(() => this.applyUpdate(section, element, hasElement, body));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async applyUpdate(section: string, element: string, hasElement: boolean, body: string): Promise<void> {
    if (!this.enabled()) throw new UpdateError(403, 'config override service is not enabled');
    const action = decodeUpdateAction(section, element, hasElement, body);
    const plan = planUpdate(action, this.stored, this.live);
    this.checkFilePaths(section, plan.put?.options ?? {});
    const overrides = [...plan.overrides].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    let next: Partial<Config>;
    try {
      next = applyOverrides(this.base, overrides);
    } catch (error) {
      if (error instanceof OverrideError) throw new UpdateError(400, error.message);
      throw error;
    }
    for (const listener of this.listeners.get(section) ?? []) {
      try {
        await listener(next);
      } catch (error) {
        throw new UpdateError(500, `failed to update configuration ${section}/${element}: ${(error as Error).message}`);
      }
    }
    try {
      await this.store.batch((batch) => {
        if (plan.put !== undefined) batch.put(OVERRIDES_BUCKET, plan.put.id, { options: plan.put.options, create: plan.put.create });
        for (const id of plan.deleteIds) batch.delete(OVERRIDES_BUCKET, id);
      });
    } catch (error) {
      throw new UpdateError(500, `failed to save override ${plan.put?.id ?? plan.deleteIds.join(', ')}: ${(error as Error).message}`);
    }
    this.stored = overrides;
    this.live = keepUnchanged(this.live, next);
  }

  /** With authentication on, file paths set through the API must be inside the allowed directories. */
  private checkFilePaths(section: string, options: Record<string, unknown>): void {
    const check = fileAccessCheck(() => this.live);
    for (const [name, value] of Object.entries(options)) {
      if (!FILE_PATH_OPTIONS.has(name)) continue;
      for (const path of Array.isArray(value) ? value : [value]) {
        if (typeof path !== 'string' || path === '') continue;
        const refused = check(`${section} ${name}`, path);
        if (refused !== undefined) throw new UpdateError(403, refused);
      }
    }
  }

  /** Stored overrides over the base; one that no longer applies is skipped with a warning. */
  private bootConfig(): Partial<Config> {
    let config = structuredClone(this.base);
    const applied: StoredOverride[] = [];
    for (const override of this.stored) {
      const attempt = structuredClone(config);
      try {
        applyOverride(attempt, override);
        config = attempt;
        applied.push(override);
      } catch (error) {
        if (!(error instanceof OverrideError)) throw error;
        const { section, element } = splitOverrideId(override.id);
        this.logger?.warn({ service: 'config', section, element, err: error.message }, 'skipping configuration override that no longer applies');
      }
    }
    this.stored = applied;
    return config;
  }
}

function keepUnchanged(previous: Partial<Config>, next: Partial<Config>): Partial<Config> {
  const before = previous as Record<string, unknown>;
  const after = next as Record<string, unknown>;
  for (const key of Object.keys(after)) {
    if (before[key] !== undefined && isDeepStrictEqual(before[key], after[key])) after[key] = before[key];
  }
  return next;
}
