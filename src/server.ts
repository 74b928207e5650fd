// Wiring: builds the store, the engine, the services and the HTTP front door from settings,
// opens them in order and closes them in reverse. No behaviour of its own lives here.

import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { EnginePorts } from './engine/ports.js';
import { TaskMaster } from './engine/task-master.js';
import { engineWorkers, MAIN_THREAD_SHARE, ParallelEngine } from './engine/parallel/parallel-engine.js';
import { createHttpServer, type HttpsOptions } from './http/server.js';
import { registerDebugVarsRoutes } from './http/routes/debug-vars.js';
import { registerPingRoutes } from './http/routes/ping.js';
import { registerLogsRoutes } from './http/routes/logs.js';
import { registerLogLevelRoutes } from './http/routes/loglevel.js';
import { registerStorageRoutes } from './http/routes/storage.js';
import { LevelControl } from './logging/logger.js';
import { LogTap } from './logging/log-tap.js';
import { registerRoutesListing } from './http/routes/routes-list.js';
import { registerTaskRoutes } from './http/routes/tasks.js';
import { registerTemplateRoutes } from './http/routes/templates.js';
import { registerWriteRoutes, type PointWriter } from './http/routes/write.js';
import { registerConfigRoutes } from './http/routes/config.js';
import { ConfigOverrideService } from './config/override-service.js';
import { fileAccessCheck } from './config/file-access.js';
import { SubscriptionTokenStore } from './services/auth/subscription-tokens.js';
import { LmdbStore } from './storage/lmdb-store.js';
import type { Store } from './storage/store.js';
import { TaskService } from './services/tasks/task-service.js';
import { TemplateService } from './services/tasks/template-service.js';
import { wireUdfs } from './services/udf/wiring.js';
import { TaskCompiler } from './services/tasks/task-compiler.js';
import type { TaskEngine } from './services/tasks/task-engine.js';
import type { FastifyInstance } from 'fastify';
import type { InfluxDBConfig } from './config/sections.js';
import { InfluxDBService } from './services/influxdb/service.js';
import { RecordingService } from './services/recording/recording-service.js';
import { registerRecordingRoutes } from './http/routes/recordings.js';
import { registerReplayRoutes } from './http/routes/replays.js';
import { registerLegacyRoutes } from './http/routes/legacy.js';
import { registerSubscriptionRoutes } from './http/routes/subscriptions.js';
import { ReplayService } from './services/recording/replay-service.js';
import { isolatedTaskStarter } from './services/recording/isolated-task.js';
import type { Config } from './config/sections.js';
import { AlertService } from './alert/alert-service.js';
import { TopicsApi } from './alert/topics-api.js';
import { HandlerRegistry } from './integrations/handler-registry.js';
import { AutoscalePeers } from './integrations/autoscale.js';
import { globalHandlers } from './alert/global-handlers.js';
import type { HandlerContext } from './alert/handler-context.js';
import { registerAlertRoutes } from './http/routes/alerts.js';
import { registerServiceTestRoutes } from './http/routes/alerts-service-tests.js';
import { StatsService } from './services/stats/stats-service.js';
import { LoadService } from './services/load/load-service.js';
import { registerLoadGuard } from './http/routes/load-guard.js';
import { registerStorageStoreRoutes } from './http/routes/storage-stores.js';
import { registerSideloadRoutes } from './http/routes/sideload.js';
import { registerPprofRoutes } from './http/routes/pprof.js';
import { SideloadSources } from './engine/sideload-sources.js';
import { registerFluxTaskRoutes } from './http/routes/flux-tasks.js';
import { openFluxTasks } from './services/fluxtasks/wiring.js';
import { registerClusterRoutes } from './http/routes/cluster.js';
import type { ClusterConfig } from './config/sections.js';
import type { ClusterService } from './services/cluster/cluster-service.js';
import { SplitStore } from './storage/split-store.js';
import { RECORDINGS_BUCKET, REPLAYS_BUCKET } from './services/recording/recording-store.js';
import type { Point } from './models/point.js';
import { JobService } from './services/jobs/job-service.js';
import { JobLogs } from './services/jobs/job-logs.js';
import { SystemMonitor } from './services/jobs/system-monitoring.js';
import { defaultCatalogue } from './services/jobs/catalogue.js';
import { createJobsHttpServer, listenJobs } from './http/jobs/server.js';
import { registerJobRoutes } from './http/jobs/routes.js';
import { AuthService } from './services/auth/auth-service.js';
import { installAuthHook } from './http/auth-hook.js';
import { DataDirLock } from './storage/data-dir-lock.js';
import { addressText } from './util/host-port.js';
import { installCapabilityHook } from './http/capability-hook.js';
import { registerUserRoutes } from './http/routes/users.js';
import { ListenerSet } from './services/listeners/listener-set.js';
import { ScraperService } from './services/scraper/scraper-service.js';

export interface ServerSettings {
  hostname: string;
  dataDir: string;
  /** Where the embedded database lives (default <dataDir>/kapacitor.db). */
  storagePath?: string;
  bindHost: string;
  bindPort: number;
  logEnabled: boolean;
  maxBodySize: number;
  defaultRetentionPolicy: string;
  https?: HttpsOptions;
  /** The tap the logger feeds, served at /kapacitor/v1preview/logs (a fresh one when absent). */
  logTap?: LogTap;
  /** The run-time log level behind POST /kapacitor/v1/loglevel (a detached one when absent). */
  logLevel?: LevelControl;
  /** [[influxdb]] clusters (none when absent). */
  influxdb?: InfluxDBConfig[];
  /** [replay] dir: where recordings are stored (default <dataDir>/replay). */
  replayDir?: string;
  /** The running configuration (alert handler sections: [[httppost]], [smtp], [slack], ...). */
  config?: () => Partial<Config>;
  /** [cluster]: when enabled, definitions are shared through NATS and tasks are placed. */
  cluster?: ClusterConfig;
  /** The job API listener ([jobs]); no listener when absent or disabled. */
  jobs?: JobsSettings;
}

export interface JobsSettings {
  enabled: boolean;
  bindHost: string;
  bindPort: number;
  contextPath: string;
  enableDynamicPort: boolean;
  portRange: number;
  historyLimit: number;
  /** Per-job log files (default <dataDir>/jobs/logs). */
  logDir?: string;
}

/** Buckets that stay in the node's own store in cluster mode (recordings are local files). */
const LOCAL_BUCKETS = new Set([RECORDINGS_BUCKET, REPLAYS_BUCKET]);

const SERVER_BUCKET = 'server';
/** The stores Kapacitor names in GET /storage/stores. */
const STORE_NAMES = ['handler-specs', 'load', 'overrides', 'recordings', 'replays', 'tasks', 'topic-states'];

export class KapacitorServer {
  /** The data-directory lock, released last on close. */
  private lock: DataDirLock | undefined;

  private constructor(
    readonly app: FastifyInstance,
    private readonly store: Store,
    private readonly tasks: TaskService,
    private readonly logger: Logger,
    /** Closed in reverse order before the tasks stop. */
    private readonly closers: Array<() => Promise<void>> = [],
    readonly cluster?: ClusterService,
    private readonly jobsApp?: FastifyInstance,
  ) {}

  /** Opens the server; refuses (DataDirLockedError) when another one uses the data directory. */
  static async open(settings: ServerSettings, logger: Logger): Promise<KapacitorServer> {
    const lock = DataDirLock.acquire(settings.dataDir);
    try {
      const server = await KapacitorServer.openLocked(settings, logger);
      server.lock = lock;
      return server;
    } catch (error) {
      lock.release();
      throw error;
    }
  }

  private static async openLocked(settings: ServerSettings, logger: Logger): Promise<KapacitorServer> {
    const localStore = new LmdbStore(settings.storagePath ?? join(settings.dataDir, 'kapacitor.db'));
    let cluster: ClusterService | undefined;
    let store: Store = localStore;
    if (settings.cluster?.enabled) {
      const c = settings.cluster;
      const nodeId = c.nodeId || settings.hostname;
      // NATS client libraries are read only when clustering is configured.
      const { ClusterService } = await import('./services/cluster/cluster-service.js');
      cluster = await ClusterService.open(
        {
          nodeId,
          advertiseUrl: c.advertiseUrl || `${settings.https ? 'https' : 'http'}://${settings.hostname}:${settings.bindPort}`,
          natsUrls: c.natsUrls,
          streamReplicas: c.streamReplicas,
          partitions: c.partitions,
          heartbeatInterval: c.heartbeatInterval,
          nodeTimeout: c.nodeTimeout,
        },
        logger.child({ service: 'cluster' }),
      );
      store = new SplitStore(cluster.store, localStore, LOCAL_BUCKETS);
    }
    const clusterId = await persistentId(store, 'cluster_id');
    const serverId = await persistentId(localStore, cluster === undefined ? 'server_id' : 'cluster_server_id');
    // Overrides made through the config API, laid over the file + environment configuration;
    // from here on config() is the running configuration every service reads.
    const configOverrides = new ConfigOverrideService(store, settings.config?.() ?? { influxdb: settings.influxdb ?? [] }, logger.child({ service: 'config' }));
    settings = { ...settings, config: () => configOverrides.current() };

    const handlerContext: HandlerContext = { logger: logger.child({ service: 'alert' }), config: settings.config ?? (() => ({})) };
    const alertConfig = handlerContext.config().alert;
    const alerts = new AlertService(store, new HandlerRegistry(handlerContext), handlerContext.logger, () => globalHandlers(handlerContext.config()), {
      persistTopics: alertConfig?.persistTopics ?? true,
      bufferLength: alertConfig?.topicBufferLength ?? 100_000,
    });
    alerts.open();
    const topicsApi = new TopicsApi(alerts);
    const { udfs, compileEnvironment } = await wireUdfs(settings.config?.() ?? {}, logger.child({ service: 'udf' }));
    // With authentication on, the subscriptions made in InfluxDB carry tokens kept here.
    const subscriptionTokens = new SubscriptionTokenStore(store);
    const authRequired = settings.config?.().http?.authEnabled === true;
    const influxIdentity = {
      hostname: settings.hostname,
      httpPort: settings.bindPort,
      clusterId,
      serverId,
      sharedSecret: settings.config?.().http?.sharedSecret,
      ...(authRequired ? { subscriptionTokens } : {}),
    };
    const influx = new InfluxDBService(
      settings.config?.().influxdb ?? settings.influxdb ?? [],
      influxIdentity,
      logger.child({ service: 'influxdb' }),
      (points) => {
        const written = writePoints(points);
        if (written !== undefined) written.catch((err: Error) => logger.error({ err: err.message }, 'cluster ingest failed'));
      },
    );
    const sideloadSources = new SideloadSources();
    const ports: EnginePorts = {
      alerts,
      sideload: sideloadSources,
      influxdb: influx,
      udfFunction: (name) => udfs.functionConfig(name),
      serverInfo: { hostname: settings.hostname, clusterId, serverId },
      autoscale: new AutoscalePeers(() => settings.config?.() ?? {}),
      httpPostEndpoint: (name) => {
        const endpoint = (settings.config?.().httppost ?? []).find((e) => e.endpoint === name);
        return endpoint === undefined
          ? undefined
          : {
              url: endpoint.url,
              headers: endpoint.headers,
              basicAuth: endpoint.basicAuth,
              rowTemplate: endpoint.rowTemplate || undefined,
            };
      },
    };
    // A task whose node fails is stopped by the engine; the task service records its error.
    let taskFailed: (id: string, message: string) => void = () => undefined;
    // node timings as Kapacitor's stats service hands them out: none while [stats] is disabled
    const timingConfig = settings.config?.().stats;
    const timing =
      timingConfig === undefined
        ? undefined
        : { sampleRate: timingConfig.enabled ? timingConfig.timingSampleRate : 0, movingAverageSize: timingConfig.timingMovavgSize };
    const engineOptions = {
      logger: logger.child({ service: 'kapacitor' }),
      groupIdleTimeoutMs: settings.config?.().engine?.groupIdleTimeout ?? 0,
      services: ports,
      timing,
      onTaskFailed: (id: string, message: string) => taskFailed(id, message),
    };
    // [engine] workers > 1 (single node only): worker-safe stream tasks run on worker threads.
    const workerCount = cluster === undefined ? engineWorkers(settings.config?.().engine?.workers ?? 1) : 1;
    // The main thread counts as one of them.
    const parallel = workerCount > 1 ? new ParallelEngine({ ...engineOptions, workers: workerCount - 1, mainShare: MAIN_THREAD_SHARE }) : undefined;
    const engine = parallel?.main ?? new TaskMaster(engineOptions);
    /** The whole engine on a single node: the parallel one when workers are on, else the task master. */
    const local = parallel ?? engine;
    const taskEngine: TaskEngine =
      cluster !== undefined
        ? cluster.taskEngine((id) => alerts.deleteTaskTopics(id))
        : {
            startTask: (id, pipeline, dbrps) => local.startTask(id, pipeline, dbrps),
            stopTask: (id) => local.stopTask(id),
            isExecuting: (id) => local.executing(id),
            stats: (id) => local.stats(id),
            taskDeleted: (id) => alerts.deleteTaskTopics(id),
          };
    const taskCompiler = new TaskCompiler(compileEnvironment);
    const tasks = new TaskService(
      store,
      taskEngine,
      logger.child({ service: 'task_store' }),
      taskCompiler,
      fileAccessCheck(() => settings.config?.() ?? {}),
    );
    const templates = new TemplateService(store, tasks);
    taskFailed = (id, message) => {
      void tasks.taskFailed(id, message);
    };
    const recordings = new RecordingService(
      store,
      settings.replayDir ?? join(settings.dataDir, 'replay'),
      tasks,
      engine,
      influx,
      logger.child({ service: 'replay' }),
    );
    await recordings.open();
    configOverrides.onUpdate('influxdb', (config) => influx.reconfigure(config.influxdb ?? []));
    const replays = new ReplayService(
      store,
      tasks,
      recordings,
      influx,
      isolatedTaskStarter(engine, logger.child({ service: 'replay' })),
      logger.child({ service: 'replay' }),
    );
    await replays.open();
    const pointListeners = new Set<(points: Point[]) => void>();
    const notifyListeners = (points: Point[]) => {
      if (pointListeners.size > 0) for (const listener of pointListeners) listener(points);
    };
    const writePoints: (points: Point[]) => void | Promise<void> =
      cluster === undefined
        ? (points) => {
            local.route(points);
            notifyListeners(points);
          }
        : async (points) => {
            // Cluster mode: points reach the tasks through the ingest stream, once it has them.
            await cluster.publish(points);
            engine.routeForks(points);
            notifyListeners(points);
          };
    // Raw lines go to an engine worker to parse only when nothing on this thread needs the
    // parsed points (no listener; a cluster node publishes what it parses).
    const offloadLines: PointWriter['offload'] =
      parallel === undefined || cluster !== undefined
        ? undefined
        : (lines, options) => (pointListeners.size > 0 ? undefined : parallel.offload(lines, options));

    const running = settings.config?.() ?? {};
    const auth = new AuthService(
      store,
      {
        enabled: running.auth?.enabled ?? false,
        required: running.http?.authEnabled ?? false,
        sharedSecret: running.http?.sharedSecret ?? '',
        bcryptCost: running.auth?.bcryptCost ?? 10,
        cacheExpirationMs: running.auth?.cacheExpiration ?? 600_000,
        bootstrapUsername: running.auth?.bootstrapUsername ?? '',
        bootstrapPassword: running.auth?.bootstrapPassword ?? '',
      },
      logger.child({ service: 'auth' }),
      subscriptionTokens,
    );
    try {
      await auth.open();
    } catch (error) {
      await store.close();
      throw error;
    }

    const { app, routes } = createHttpServer({
      maxBodySize: settings.maxBodySize,
      logEnabled: settings.logEnabled,
      logger,
      https: settings.https,
      timeouts:
        running.http === undefined
          ? undefined
          : {
              requestMs: running.http.requestTimeout,
              headerMs: running.http.headerTimeout,
              idleMs: running.http.idleTimeout,
            },
      // With engine workers a write waits only when a worker falls behind; a read waits until
      // the workers have processed every point written before it.
      beforeRead: parallel === undefined ? undefined : () => parallel.settled(),
    });
    // First of all hooks: every route, present and future, passes the authentication check.
    installAuthHook(app, () => auth);
    installCapabilityHook(app, {
      taskScript: (id) => tasks.find(id)?.script,
      templateScript: (id) => {
        try {
          return templates.get(id).script;
        } catch {
          return undefined;
        }
      },
      handlerKind: (topic, id) => {
        try {
          return topicsApi.handler(topic, id).kind;
        } catch {
          return undefined;
        }
      },
    });
    const loadConfig = settings.config?.().load;
    const load = loadConfig === undefined ? undefined : new LoadService(loadConfig, store, tasks, templates, topicsApi, logger.child({ service: 'load' }));
    if (loadConfig !== undefined) {
      const problem = LoadService.validate(loadConfig);
      if (problem !== undefined) throw new Error(`invalid load configuration: ${problem}`);
    }
    if (load !== undefined) registerLoadGuard(app, load);
    registerPingRoutes(app);
    const logStreams = registerLogsRoutes(app, settings.logTap ?? new LogTap());
    registerLogLevelRoutes(app, settings.logLevel ?? new LevelControl('INFO'));
    registerStorageRoutes(app, localStore);
    registerStorageStoreRoutes(app, {
      names: () => [...STORE_NAMES],
      rebuild: async () => {
        store.list(SERVER_BUCKET);
      },
    });
    registerSideloadRoutes(app, sideloadSources);
    registerPprofRoutes(app, settings.config?.().http?.pprofEnabled ?? false);
    registerWriteRoutes(app, {
      writer: {
        writePoints,
        settled: parallel === undefined ? undefined : () => parallel.backpressure(),
        offload: offloadLines,
      },
      defaultRetentionPolicy: settings.defaultRetentionPolicy,
      extraPaths: (settings.config?.().influxdb ?? []).map((cluster) => cluster.subscriptionPath ?? '').filter((path) => path !== ''),
    });
    registerTaskRoutes(app, tasks, local);
    registerTemplateRoutes(app, templates);
    registerConfigRoutes(app, configOverrides);
    const counts = () => ({ ...tasks.counts(), subscriptions: influx.numSubscriptions() });
    let listeners: ListenerSet | undefined;
    const statistics = () => ({
      ...local.statistics(),
      ...influx.statistics(),
      ...alerts.statistics(),
      ...load?.statistics(),
      ...listeners?.statistics(),
      ...logStreams.statistics(),
    });
    registerDebugVarsRoutes(app, { clusterId, serverId, hostname: settings.hostname, counts, statistics });
    const statsConfig = settings.config?.().stats;
    const stats =
      statsConfig === undefined
        ? undefined
        : new StatsService(
            statsConfig,
            {
              statistics,
              counts,
              writePoints,
              identity: { host: settings.hostname, cluster_id: clusterId, server_id: serverId },
            },
            logger.child({ service: 'stats' }),
          );
    registerRecordingRoutes(app, recordings);
    registerReplayRoutes(app, replays);
    registerLegacyRoutes(app, { tasks, recordings, replays });
    registerSubscriptionRoutes(app, influx);
    registerAlertRoutes(app, topicsApi);
    registerServiceTestRoutes(app, handlerContext);
    const fluxTasks = await openFluxTasks(store, influx, settings.config?.().fluxtask, logger.child({ service: 'fluxtask' }));
    if (fluxTasks !== undefined) registerFluxTaskRoutes(app, fluxTasks);
    if (cluster !== undefined) registerClusterRoutes(app, cluster);
    if (auth.settings.enabled) registerUserRoutes(app, auth);
    registerRoutesListing(app, routes);

    if (cluster !== undefined) {
      await cluster.start({
        compile: (task) => taskCompiler.compile(task.script, task.type, task.vars).pipeline,
        startTask: (id, pipeline, dbrps) => engine.startTask(id, pipeline, dbrps),
        stopTask: (id) => engine.stopTask(id),
        executing: (id) => engine.executing(id),
        stats: (id) => engine.stats(id),
        routeTask: (id, points) => engine.routeTask(id, points),
        refreshAlerts: () => alerts.refreshEvents(),
        flushAlerts: () => alerts.flush(),
      });
    }
    await tasks.startEnabledTasks();
    try {
      await load?.load();
    } catch (error) {
      throw new Error(`failed to reload tasks/templates/handlers: ${(error as Error).message}`, { cause: error });
    }
    // [[udp]], [[graphite]], [opentsdb], [collectd]: points into the same write path as /write.
    try {
      listeners = await ListenerSet.open(running, writePoints, logger);
    } catch (error) {
      await store.close();
      throw error;
    }
    // [[scraper]]: Prometheus targets from [[static-discovery]], [[file-discovery]] and [[dns]].
    let scrapers = new ScraperService(running, writePoints, logger.child({ service: 'scraper' }));
    try {
      scrapers.open();
    } catch (error) {
      await listeners.close();
      await store.close();
      throw error;
    }
    // An override of a scraper or discoverer section restarts the scrapers with it, as in Kapacitor.
    for (const section of ['scraper', 'static-discovery', 'file-discovery', 'dns']) {
      configOverrides.onUpdate(section, (next) => {
        const replacement = new ScraperService(next, writePoints, logger.child({ service: 'scraper' }));
        replacement.open();
        scrapers.close();
        scrapers = replacement;
      });
    }
    await app.listen({ host: settings.bindHost, port: settings.bindPort });
    logger.info({ service: 'http', addr: addressText(app.server.address()) }, 'listening for HTTP requests');
    const bound = app.server.address();
    if (bound !== null && typeof bound === 'object') influxIdentity.httpPort = bound.port;
    // Tokens of clusters no longer configured (or disabled) are revoked, as Kapacitor does.
    if (authRequired)
      await subscriptionTokens.revokeOtherClusters((settings.config?.().influxdb ?? settings.influxdb ?? []).filter((c) => c.enabled).map((c) => c.name));
    influx.open();
    stats?.open();
    const openListeners = listeners;
    const closers: Array<() => Promise<void>> = [
      async () => fluxTasks?.close(),
      () => alerts.close(),
      () => influx.close(),
      () => recordings.close(),
      () => replays.close(),
      async () => stats?.close(),
    ];
    // Closed in reverse: the cluster leaves last (its tasks stop and checkpoint after alert state is stored).
    if (cluster !== undefined) closers.unshift(() => cluster.close());
    if (parallel !== undefined) closers.push(() => parallel.close());
    // Closed first: no more points arrive while the tasks stop.
    closers.push(async () => {
      scrapers.close();
      await openListeners.close();
    });
    let jobsApp: FastifyInstance | undefined;
    if (settings.jobs?.enabled) {
      const jobsSettings = settings.jobs;
      const jobLogs = new JobLogs(jobsSettings.logDir ?? join(settings.dataDir, 'jobs', 'logs'));
      const jobs = new JobService({
        store,
        catalogue: defaultCatalogue(),
        ports: {
          writePoints,
          subscribePoints: (listener) => {
            pointListeners.add(listener);
            return () => pointListeners.delete(listener);
          },
        },
        logs: jobLogs,
        logger: logger.child({ service: 'jobs' }),
        historyLimit: jobsSettings.historyLimit,
        fileAccess: fileAccessCheck(() => settings.config?.() ?? {}),
      });
      await jobs.open();
      const monitor = new SystemMonitor();
      jobsApp = createJobsHttpServer({ logger: logger.child({ service: 'jobs-http' }), maxBodySize: settings.maxBodySize });
      // The job API is a door into the same server: the same credentials and permissions guard it.
      installAuthHook(jobsApp, () => auth);
      let jobsPort = jobsSettings.bindPort;
      registerJobRoutes(jobsApp, {
        jobs,
        logs: jobLogs,
        monitor,
        contextPath: jobsSettings.contextPath,
        node: () => `${jobsSettings.bindHost}:${jobsPort}`,
        connections: () => (jobsApp?.server as { _connections?: number } | undefined)?._connections ?? 0,
      });
      try {
        jobsPort = await listenJobs(jobsApp, jobsSettings.bindHost, jobsSettings.bindPort, jobsSettings.enableDynamicPort, jobsSettings.portRange);
        logger.info({ service: 'jobs-http', addr: addressText(jobsApp.server.address()) }, 'listening for job API requests');
      } catch (error) {
        // A drop-in Kapacitor must keep serving its own API when the job port is taken.
        logger.error(
          { service: 'jobs-http', err: error, addr: `${jobsSettings.bindHost}:${jobsSettings.bindPort}` },
          'job API not started: cannot listen on [jobs] bind-address (set another one, enable-dynamic-port, or enabled = false)',
        );
      }
      const listener = jobsApp;
      closers.push(async () => {
        await listener.close();
        await jobs.close();
        monitor.close();
      });
    }
    const server = new KapacitorServer(app, store, tasks, logger, closers, cluster, jobsApp);
    server.listeners = openListeners;
    server.reloaders.push(async () => {
      try {
        await load?.load();
      } catch (error) {
        logger.error({ err: (error as Error).message }, 'failed to reload tasks/templates/handlers');
      }
      sideloadSources.reload();
    });
    return server;
  }

  /** Run on SIGHUP: the load directory (and sideload sources) read again. */
  readonly reloaders: Array<() => Promise<void>> = [];

  /** Kapacitor's SIGHUP: reloads the load directory and sideload sources; never throws. */
  async reload(): Promise<void> {
    for (const reload of this.reloaders) await reload();
  }

  /** The input listeners ([[udp]], [[graphite]], [opentsdb], [collectd]). */
  private listeners: ListenerSet | undefined;

  /** The bound addresses of the input listeners of one kind (udp, graphite, ...), in configuration order. */
  listenerAddresses(kind: string): Array<{ host: string; port: number }> {
    return this.listeners?.addresses(kind) ?? [];
  }

  /** The job API's bound address, when it listens. */
  jobsAddress(): { host: string; port: number } | undefined {
    const address = this.jobsApp?.server.address();
    if (address === undefined || address === null || typeof address === 'string') return undefined;
    return { host: address.address, port: address.port };
  }

  /** The bound address (useful with port 0). */
  address(): { host: string; port: number } {
    const address = this.app.server.address();
    if (address === null || typeof address === 'string') throw new Error('server is not listening');
    return { host: address.address, port: address.port };
  }

  /** Graceful stop: in-flight requests finish, tasks stop, the store is flushed and closed. */
  async close(): Promise<void> {
    await this.app.close();
    for (const close of [...this.closers].reverse()) await close();
    this.tasks.stopAll();
    await this.store.close();
    this.lock?.release();
    this.logger.info('server closed');
  }
}

async function persistentId(store: Store, key: string): Promise<string> {
  const existing = store.get<string>(SERVER_BUCKET, key);
  if (existing !== undefined) return existing;
  const id = randomUUID();
  await store.put(SERVER_BUCKET, key, id);
  return id;
}
