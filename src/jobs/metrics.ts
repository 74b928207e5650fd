// Job metrics as SeaTunnel reports them: received/written rows and bytes, overall and per
// table, with rates over the job's running time. Hot path: plain number counters.

export interface TableCounters {
  count: number;
  bytes: number;
}

export class JobMetrics {
  sourceReceivedCount = 0;
  sourceReceivedBytes = 0;
  sinkWriteCount = 0;
  sinkWriteBytes = 0;
  readonly sourceTables: Record<string, TableCounters> = {};
  readonly sinkTables: Record<string, TableCounters> = {};
  private startedAt = Date.now();
  private endedAt: number | undefined;

  constructor(restored?: SerializedMetrics) {
    if (restored !== undefined) {
      this.sourceReceivedCount = restored.sourceReceivedCount;
      this.sourceReceivedBytes = restored.sourceReceivedBytes;
      this.sinkWriteCount = restored.sinkWriteCount;
      this.sinkWriteBytes = restored.sinkWriteBytes;
      Object.assign(this.sourceTables, restored.sourceTables);
      Object.assign(this.sinkTables, restored.sinkTables);
      this.startedAt = restored.startedAt;
      this.endedAt = restored.endedAt;
    }
  }

  table(side: 'source' | 'sink', name: string): TableCounters {
    const tables = side === 'source' ? this.sourceTables : this.sinkTables;
    return (tables[name] ??= { count: 0, bytes: 0 });
  }

  start(): void {
    this.startedAt = Date.now();
  }

  end(): void {
    this.endedAt ??= Date.now();
  }

  serialize(): SerializedMetrics {
    return {
      sourceReceivedCount: this.sourceReceivedCount,
      sourceReceivedBytes: this.sourceReceivedBytes,
      sinkWriteCount: this.sinkWriteCount,
      sinkWriteBytes: this.sinkWriteBytes,
      sourceTables: this.sourceTables,
      sinkTables: this.sinkTables,
      startedAt: this.startedAt,
      endedAt: this.endedAt,
    };
  }

  /** The `metrics` object of /job-info and /running-job: every value a string, tables as maps. */
  report(): Record<string, unknown> {
    return metricsReport(this.serialize());
  }
}

export interface SerializedMetrics {
  sourceReceivedCount: number;
  sourceReceivedBytes: number;
  sinkWriteCount: number;
  sinkWriteBytes: number;
  sourceTables: Record<string, TableCounters>;
  sinkTables: Record<string, TableCounters>;
  startedAt: number;
  endedAt: number | undefined;
}

function rate(value: number, seconds: number): string {
  return String(Math.round((value / seconds) * 100) / 100);
}

function perTable(tables: Record<string, TableCounters>, pick: (t: TableCounters) => number, seconds?: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, counters] of Object.entries(tables)) {
    out[name] = seconds === undefined ? String(pick(counters)) : rate(pick(counters), seconds);
  }
  return out;
}

export function metricsReport(m: SerializedMetrics): Record<string, unknown> {
  const seconds = Math.max(((m.endedAt ?? Date.now()) - m.startedAt) / 1000, 0.001);
  return {
    TableSourceReceivedCount: perTable(m.sourceTables, (t) => t.count),
    TableSinkWriteCount: perTable(m.sinkTables, (t) => t.count),
    TableSourceReceivedBytes: perTable(m.sourceTables, (t) => t.bytes),
    TableSinkWriteBytes: perTable(m.sinkTables, (t) => t.bytes),
    TableSourceReceivedQPS: perTable(m.sourceTables, (t) => t.count, seconds),
    TableSinkWriteQPS: perTable(m.sinkTables, (t) => t.count, seconds),
    TableSourceReceivedBytesPerSeconds: perTable(m.sourceTables, (t) => t.bytes, seconds),
    TableSinkWriteBytesPerSeconds: perTable(m.sinkTables, (t) => t.bytes, seconds),
    SourceReceivedCount: String(m.sourceReceivedCount),
    SinkWriteCount: String(m.sinkWriteCount),
    SourceReceivedBytes: String(m.sourceReceivedBytes),
    SinkWriteBytes: String(m.sinkWriteBytes),
    SourceReceivedQPS: rate(m.sourceReceivedCount, seconds),
    SinkWriteQPS: rate(m.sinkWriteCount, seconds),
    SourceReceivedBytesPerSeconds: rate(m.sourceReceivedBytes, seconds),
    SinkWriteBytesPerSeconds: rate(m.sinkWriteBytes, seconds),
  };
}

/** The /job-info form: the document's two camel-case counters, then the detailed map. */
export function jobInfoMetrics(m: SerializedMetrics): Record<string, unknown> {
  return { sourceReceivedCount: String(m.sourceReceivedCount), sinkWriteCount: String(m.sinkWriteCount), ...metricsReport(m) };
}
