// The connectors and transforms the job engine can run, by SeaTunnel plugin name. Adding a
// connector is adding its factory here.

import type { PluginCatalogue } from '../../jobs/plugin.js';
import { transformFactories } from '../../jobs/transforms/index.js';
import { consoleSinkFactory } from '../../integrations/seatunnel/console/sink.js';
import { fakeSourceFactory } from '../../integrations/seatunnel/fake-source/source.js';
import { httpSinkFactory } from '../../integrations/seatunnel/http/sink.js';
import { httpSourceFactory } from '../../integrations/seatunnel/http/source.js';
import { influxdbSinkFactory } from '../../integrations/seatunnel/influxdb/sink.js';
import { influxdbSourceFactory } from '../../integrations/seatunnel/influxdb/source.js';
import { kapacitorSinkFactory } from '../../integrations/seatunnel/kapacitor/sink.js';
import { kapacitorSourceFactory } from '../../integrations/seatunnel/kapacitor/source.js';
import { localFileSinkFactory } from '../../integrations/seatunnel/local-file/sink.js';
import { localFileSourceFactory } from '../../integrations/seatunnel/local-file/source.js';

export function defaultCatalogue(): PluginCatalogue {
  return {
    sources: [fakeSourceFactory, localFileSourceFactory, httpSourceFactory, influxdbSourceFactory, kapacitorSourceFactory],
    transforms: transformFactories,
    sinks: [consoleSinkFactory, localFileSinkFactory, httpSinkFactory, influxdbSinkFactory, kapacitorSinkFactory],
  };
}
