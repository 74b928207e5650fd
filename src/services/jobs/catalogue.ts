// The connectors and transforms the job engine can run, by SeaTunnel plugin name. Adding a
// connector is adding its factory here.

import type { PluginCatalogue } from '../../jobs/plugin.js';
import { transformFactories } from '../../jobs/transforms/index.js';
import { consoleSinkFactory } from '../../integrations/seatunnel/console/sink.js';
import { fakeSourceFactory } from '../../integrations/seatunnel/fake-source/source.js';
import { kapacitorSinkFactory } from '../../integrations/seatunnel/kapacitor/sink.js';

export function defaultCatalogue(): PluginCatalogue {
  return {
    sources: [fakeSourceFactory],
    transforms: transformFactories,
    sinks: [consoleSinkFactory, kapacitorSinkFactory],
  };
}
