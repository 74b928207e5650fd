// The /system-monitoring-information figures of this process, under SeaTunnel's (Hazelcast's)
// key names: processors, memory, heap, GC counts and times (from perf_hooks), load, event loop.

import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { monitorEventLoopDelay, PerformanceObserver, constants } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';

function size(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)}G`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)}M`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)}K`;
  return String(bytes);
}

function percent(part: number, whole: number): string {
  return `${whole === 0 ? '0.00' : ((part / whole) * 100).toFixed(2)}%`;
}

export class SystemMonitor {
  private minorCount = 0;
  private minorTime = 0;
  private majorCount = 0;
  private majorTime = 0;
  private readonly observer: PerformanceObserver;
  private readonly loopDelay = monitorEventLoopDelay({ resolution: 20 });
  private lastCpu = process.cpuUsage();
  private lastCpuAt = process.hrtime.bigint();
  private operationsCompleted = 0;
  private operationsRunning = 0;

  constructor() {
    this.observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        const kind = (entry as unknown as { detail?: { kind?: number } }).detail?.kind;
        if (kind === constants.NODE_PERFORMANCE_GC_MINOR) {
          this.minorCount++;
          this.minorTime += entry.duration;
        } else {
          this.majorCount++;
          this.majorTime += entry.duration;
        }
      }
    });
    this.observer.observe({ entryTypes: ['gc'] });
    this.loopDelay.enable();
  }

  operationStarted(): void {
    this.operationsRunning++;
  }

  operationEnded(): void {
    this.operationsRunning--;
    this.operationsCompleted++;
  }

  close(): void {
    this.observer.disconnect();
    this.loopDelay.disable();
  }

  /** One node's figures, every value a string as SeaTunnel gives them. */
  snapshot(connections: number): Record<string, string> {
    const memory = process.memoryUsage();
    const heap = getHeapStatistics();
    const now = process.hrtime.bigint();
    const cpu = process.cpuUsage(this.lastCpu);
    const elapsedUs = Number(now - this.lastCpuAt) / 1000;
    this.lastCpu = process.cpuUsage();
    this.lastCpuAt = now;
    const processors = cpus().length;
    const processLoad = elapsedUs > 0 ? (cpu.user + cpu.system) / elapsedUs / Math.max(processors, 1) : 0;
    const systemAverage = loadavg()[0]!;
    const pendingHandles = (process as unknown as { _getActiveHandles?: () => unknown[] })._getActiveHandles?.().length ?? 0;
    const pendingRequests = (process as unknown as { _getActiveRequests?: () => unknown[] })._getActiveRequests?.().length ?? 0;
    return {
      processors: String(processors),
      'physical.memory.total': size(totalmem()),
      'physical.memory.free': size(freemem()),
      'swap.space.total': '0',
      'swap.space.free': '0',
      'heap.memory.used': size(memory.heapUsed),
      'heap.memory.free': size(memory.heapTotal - memory.heapUsed),
      'heap.memory.total': size(memory.heapTotal),
      'heap.memory.max': size(heap.heap_size_limit),
      'heap.memory.used/total': percent(memory.heapUsed, memory.heapTotal),
      'heap.memory.used/max': percent(memory.heapUsed, heap.heap_size_limit),
      'minor.gc.count': String(this.minorCount),
      'minor.gc.time': `${Math.round(this.minorTime)}ms`,
      'major.gc.count': String(this.majorCount),
      'major.gc.time': `${Math.round(this.majorTime)}ms`,
      'load.process': `${(processLoad * 100).toFixed(2)}%`,
      'load.system': `${((systemAverage / Math.max(processors, 1)) * 100).toFixed(2)}%`,
      'load.systemAverage': systemAverage.toFixed(2),
      'thread.count': String(1 + pendingRequests),
      'thread.peakCount': String(1 + pendingRequests),
      'cluster.timeDiff': '0',
      'event.q.size': String(pendingHandles),
      'event.loop.delay.mean': `${(this.loopDelay.mean / 1e6).toFixed(2)}ms`,
      'event.loop.delay.max': `${(this.loopDelay.max / 1e6).toFixed(2)}ms`,
      'executor.q.async.size': String(pendingRequests),
      'executor.q.client.size': '0',
      'executor.q.client.query.size': '0',
      'executor.q.client.blocking.size': '0',
      'executor.q.query.size': '0',
      'executor.q.scheduled.size': '0',
      'executor.q.io.size': String(pendingRequests),
      'executor.q.system.size': '0',
      'executor.q.operations.size': String(this.operationsRunning),
      'executor.q.priorityOperation.size': '0',
      'operations.completed.count': String(this.operationsCompleted),
      'executor.q.mapLoad.size': '0',
      'executor.q.mapLoadAllKeys.size': '0',
      'executor.q.cluster.size': '0',
      'executor.q.response.size': '0',
      'operations.running.count': String(this.operationsRunning),
      'operations.pending.invocations.percentage': '0.00%',
      'operations.pending.invocations.count': '0',
      'proxy.count': '0',
      'clientEndpoint.count': '0',
      'connection.active.count': String(connections),
      'client.connection.count': '0',
      'connection.count': String(connections),
    };
  }
}
