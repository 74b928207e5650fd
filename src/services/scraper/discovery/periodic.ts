// The refresh loop of the discoverers that look again on a refresh-interval (file, dns): run
// once now, then every interval (0: once only), on an unref'd timer. Timing only; what a
// refresh does stays with the discoverer.

export class PeriodicRefresh {
  private timer: NodeJS.Timeout | undefined;

  start(intervalMs: number, refresh: () => void): void {
    refresh();
    if (intervalMs > 0) {
      this.timer = setInterval(refresh, intervalMs);
      this.timer.unref();
    }
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }
}
