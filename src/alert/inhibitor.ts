// Inhibition (`.inhibit(category, tags...)`): while an alert of the inhibiting node is not OK,
// events of alerts in that category whose given tags are equal do not reach their handlers.

import type { Tags } from '../models/point.js';

export class Inhibitor {
  /** Tag values of this node's alerts that are currently not OK, by alert id. */
  private readonly active = new Map<string, Tags>();

  constructor(
    readonly category: string,
    readonly tagNames: readonly string[],
  ) {}

  /** Records an event of the inhibiting alert. */
  update(id: string, tags: Readonly<Tags>, notOK: boolean): void {
    if (!notOK) {
      this.active.delete(id);
      return;
    }
    const kept: Tags = {};
    for (const name of this.tagNames) kept[name] = tags[name] ?? '';
    this.active.set(id, kept);
  }

  inhibits(category: string, tags: Readonly<Tags>): boolean {
    if (category !== this.category || this.active.size === 0) return false;
    for (const kept of this.active.values()) {
      let equal = true;
      for (const name of this.tagNames) {
        if ((tags[name] ?? '') !== kept[name]) {
          equal = false;
          break;
        }
      }
      if (equal) return true;
    }
    return false;
  }
}
