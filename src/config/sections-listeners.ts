// The input sections of kapacitor.conf: the UDP, Graphite, OpenTSDB and collectd listeners and
// the Prometheus scrapers with their static, file and DNS discoverers. Keys, defaults and
// validation as Kapacitor 1.5 (and the InfluxDB 1.x services it embeds) read them. Holds the
// table only; the services in services/listeners and services/scraper act on it.

import { key, type KeyDefs, type SectionDef } from './schema.js';

function section<K extends KeyDefs>(def: SectionDef<K> & { array?: false }): SectionDef<K> & { array?: false } {
  return def;
}

function arraySection<K extends KeyDefs>(def: SectionDef<K> & { array: true }): SectionDef<K> & { array: true } {
  return def;
}

function oneOf(choices: readonly string[]) {
  return (value: string): string | undefined => (choices.includes(value) ? undefined : `expected one of ${choices.join(', ')}, got ${JSON.stringify(value)}`);
}

const CONSISTENCY = ['any', 'one', 'quorum', 'all'];
const PRECISIONS = ['', 'n', 'ns', 'u', 'us', 'µ', 'ms', 's', 'm', 'h'];
const positive = (n: number): string | undefined => (n >= 0 ? undefined : 'must not be negative');

export const LISTENER_SECTIONS = {
  udp: arraySection({
    array: true,
    doc: ['Line protocol received over UDP; repeat as [[udp]] for several listeners.'],
    keys: {
      enabled: key('bool', false, ['Listen for line protocol datagrams.']),
      bindAddress: key('string', '', ['Address to listen on, host:port (required when enabled).']),
      database: key('string', '', ['Database of the received points (required when enabled).']),
      retentionPolicy: key('string', '', ['Retention policy of the received points.']),
      buffer: key('int', 1000, ['Datagrams queued between the socket and the parser.'], { validate: positive }),
      readBuffer: key('int', 0, ['OS receive buffer of the socket in bytes; 0 means the OS default.'], { validate: positive }),
      precision: key('string', '', ['Precision of the timestamps in the datagrams (kapacitor-ts only; empty means ns).'], { validate: oneOf(PRECISIONS) }),
    },
  }),
  graphite: arraySection({
    array: true,
    doc: ['The Graphite plaintext protocol over TCP or UDP; repeat as [[graphite]] for several listeners.'],
    keys: {
      enabled: key('bool', false, ['Listen for Graphite metrics.']),
      bindAddress: key('string', ':2003', ['Address to listen on, host:port.']),
      database: key('string', 'graphite', ['Database of the received points.']),
      retentionPolicy: key('string', '', ['Retention policy of the received points.']),
      protocol: key('string', 'tcp', ['tcp or udp.'], { validate: oneOf(['tcp', 'udp', 'TCP', 'UDP']) }),
      batchSize: key('int', 5000, ['Points written together.'], { validate: positive }),
      batchPending: key('int', 10, ['Batches that may wait to be written.'], { validate: positive }),
      batchTimeout: key('duration', 1000, ['Longest wait before a partial batch is written.']),
      consistencyLevel: key('string', 'one', ['Write consistency: any, one, quorum or all (kept for compatibility).'], { validate: oneOf(CONSISTENCY) }),
      templates: key('string-list', () => [], [
        'Templates turning metric paths into measurement, tags and field: "[filter] template [tag=value,...]",',
        'e.g. "cpu.* .host.measurement*" or "servers.* .host.measurement.field".',
      ]),
      tags: key('string-list', () => [], ['Tags (key=value) added to every point that lacks them.']),
      separator: key('string', '.', ['Joins the metric path parts that make one measurement, tag or field.']),
      udpReadBuffer: key('int', 0, ['OS receive buffer of the UDP socket in bytes; 0 means the OS default.'], { validate: positive }),
    },
  }),
  opentsdb: section({
    doc: ['The OpenTSDB telnet protocol (put lines) and HTTP /api/put, on one port.'],
    keys: {
      enabled: key('bool', false, ['Listen for OpenTSDB metrics.']),
      bindAddress: key('string', ':4242', ['Address to listen on, host:port.']),
      database: key('string', 'opentsdb', ['Database of the received points.']),
      retentionPolicy: key('string', '', ['Retention policy of the received points.']),
      consistencyLevel: key('string', 'one', ['Write consistency: any, one, quorum or all (kept for compatibility).'], { validate: oneOf(CONSISTENCY) }),
      tlsEnabled: key('bool', false, ['Accept TLS connections only.']),
      certificate: key('string', '/etc/ssl/influxdb.pem', ['PEM file holding the certificate and its private key.']),
      batchSize: key('int', 1000, ['Points written together.'], { validate: positive }),
      batchPending: key('int', 5, ['Batches that may wait to be written.'], { validate: positive }),
      batchTimeout: key('duration', 1000, ['Longest wait before a partial batch is written.']),
      logPointErrors: key('bool', true, ['Log every line that cannot be read.']),
    },
  }),
  collectd: section({
    doc: ['The collectd binary network protocol over UDP.'],
    keys: {
      enabled: key('bool', false, ['Listen for collectd packets.']),
      bindAddress: key('string', ':25826', ['Address to listen on, host:port.']),
      database: key('string', 'collectd', ['Database of the received points.']),
      retentionPolicy: key('string', '', ['Retention policy of the received points.']),
      batchSize: key('int', 5000, ['Points written together.'], { validate: positive }),
      batchPending: key('int', 10, ['Batches that may wait to be written.'], { validate: positive }),
      batchTimeout: key('duration', 10_000, ['Longest wait before a partial batch is written.']),
      readBuffer: key('int', 0, ['OS receive buffer of the socket in bytes; 0 means the OS default.'], { validate: positive }),
      typesdb: key('string', '/usr/share/collectd/types.db', ['types.db file, or a directory of them, naming the values of each type.']),
      securityLevel: key(
        'string',
        'none',
        [
          'Packet security: none (every packet; signatures are checked and encrypted parts read only when the auth file exists),',
          'sign (signed or encrypted packets only) or encrypt (encrypted packets only).',
        ],
        { validate: oneOf(['none', 'sign', 'encrypt']) },
      ),
      authFile: key('string', '/etc/collectd/auth_file', [
        'collectd auth file ("user: password" a line) checking signatures and decrypting packets; must exist for sign and encrypt.',
      ]),
      parseMultivaluePlugin: key(
        'string',
        'split',
        [
          'Values of a multi-value type: split (one point per value, measurement plugin_value, as Kapacitor 1.5)',
          'or join (one point per value list, measurement plugin, one field per value).',
        ],
        { validate: oneOf(['split', 'join']) },
      ),
    },
  }),
  scraper: arraySection({
    array: true,
    elementKey: 'name',
    overridable: true,
    doc: ['Prometheus scrapers: targets found by a discoverer are scraped and their samples become points.'],
    keys: {
      enabled: key('bool', false, ['Scrape the targets of this scraper.']),
      name: key('string', 'myscraper', ['Name of this scraper.']),
      discovererId: key('string', '', ['id of the discoverer section giving the targets.']),
      discovererService: key('string', '', ['Kind of that discoverer: static-discovery, file-discovery or dns.']),
      db: key('string', 'prometheus_raw', ['Database of the scraped points.']),
      rp: key('string', 'autogen', ['Retention policy of the scraped points.']),
      type: key('string', 'prometheus', ['Scraper type; only prometheus.'], { validate: oneOf(['prometheus']) }),
      scheme: key('string', 'http', ['http or https.'], { validate: oneOf(['http', 'https']) }),
      metricsPath: key('string', '/metrics', ['Path of the metrics on each target.']),
      params: key('string-list-map', () => ({}), ['Query parameters added to each scrape (name = ["value", ...]).']),
      scrapeInterval: key('duration', 60_000, ['How often each target is scraped.']),
      scrapeTimeout: key('duration', 10_000, ['Longest time one scrape may take.']),
      username: key('string', '', ['Basic authentication user.']),
      password: key('string', '', ['Basic authentication password.'], { redact: true }),
      bearerToken: key('string', '', ['Bearer token sent to the targets.'], { redact: true }),
      proxyUrl: key('string', '', [
        'HTTP proxy the targets are scraped through, http://[user:password@]host:port (https targets through a CONNECT tunnel); empty: none.',
      ]),
      sslCa: key('string', '', ['PEM file of the CA to trust.']),
      sslCert: key('string', '', ['PEM client certificate.']),
      sslKey: key('string', '', ['PEM client key.']),
      sslServerName: key('string', '', ["Server name expected in the targets' certificates."]),
      insecureSkipVerify: key('bool', false, ["Do not verify the targets' certificates (insecure)."]),
      blacklist: key('string-list', () => [], ['Instances (host:port) whose samples are dropped.']),
    },
  }),
  staticDiscovery: arraySection({
    array: true,
    elementKey: 'id',
    overridable: true,
    doc: ['A fixed list of scrape targets.'],
    keys: {
      enabled: key('bool', false, ['Offer these targets to scrapers.']),
      id: key('string', 'mystatic', ['Name scrapers use in discoverer-id.']),
      targets: key('string-list', () => ['localhost:9100'], ['Targets, host:port.']),
      labels: key('string-map', () => ({}), ['Labels (tags) added to every sample of these targets.']),
    },
  }),
  fileDiscovery: arraySection({
    array: true,
    elementKey: 'id',
    overridable: true,
    doc: ['Scrape targets read from JSON or YAML files (Prometheus file_sd format).'],
    keys: {
      enabled: key('bool', false, ['Offer the targets of these files to scrapers.']),
      id: key('string', 'myfile', ['Name scrapers use in discoverer-id.']),
      refreshInterval: key('duration', 300_000, ['How often the files are read again.']),
      files: key('string-list', () => [], ['Files to read; the last path element may hold a * wildcard.']),
    },
  }),
  dns: arraySection({
    array: true,
    elementKey: 'id',
    overridable: true,
    doc: ['Scrape targets found by DNS lookups.'],
    keys: {
      enabled: key('bool', false, ['Offer the looked-up targets to scrapers.']),
      id: key('string', 'mydns', ['Name scrapers use in discoverer-id.']),
      recordNames: key('string-list', () => [], ['DNS names to look up.']),
      refreshInterval: key('duration', 30_000, ['How often the names are looked up again.']),
      type: key('string', 'SRV', ['SRV, A or AAAA.'], { validate: oneOf(['SRV', 'A', 'AAAA', 'srv', 'a', 'aaaa']) }),
      port: key('int', 80, ['Port of the targets found by A and AAAA lookups.']),
    },
  }),
};
