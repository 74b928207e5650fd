// GET /kapacitor/v1/config: the running configuration by section, in the shape of Kapacitor's
// config API ({link, sections: {name: {link, elements: [{link, options, redacted}]}}}).

import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors.js';
import { sendJSON } from '../server.js';

/** Section name → its elements' options (one element, or several for [[influxdb]]-like arrays). */
export type ConfigSections = Record<string, Array<{ element?: string; options: Record<string, unknown>; redacted?: string[] }>>;

const BASE = '/kapacitor/v1/config';

export function registerConfigRoutes(app: FastifyInstance, sections: () => ConfigSections): void {
  app.get('/kapacitor/v1/config', async (_request, reply) => {
    const all = sections();
    const out: Record<string, unknown> = {};
    for (const name of Object.keys(all).sort()) out[name] = sectionJSON(name, all[name]!);
    sendJSON(reply, 200, { link: { rel: 'self', href: BASE }, sections: out });
  });

  app.get<{ Params: { section: string } }>('/kapacitor/v1/config/:section', async (request, reply) => {
    const section = sections()[request.params.section];
    if (section === undefined) throw new ApiError(404, `unknown section ${JSON.stringify(request.params.section)}`);
    sendJSON(reply, 200, sectionJSON(request.params.section, section));
  });
}

function sectionJSON(name: string, elements: ConfigSections[string]): unknown {
  return {
    link: { rel: 'self', href: `${BASE}/${name}` },
    elements: elements.map((element) => ({
      link: { rel: 'self', href: element.element ? `${BASE}/${name}/${element.element}` : `${BASE}/${name}/` },
      options: element.options,
      redacted: element.redacted ?? null,
    })),
  };
}
