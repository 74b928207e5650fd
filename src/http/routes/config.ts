// The config API: GET /kapacitor/v1/config[/<section>[/<element>]] shows the running
// configuration ({link, sections: {name: {link, elements: [{link, options, redacted}]}}}) and
// POST /kapacitor/v1/config/<section>[/<element>] overrides it (set/delete, add/remove).

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ConfigSections } from '../../config/config-api.js';
import { UpdateError } from '../../config/override-update.js';
import { ApiError } from '../errors.js';
import { decodedBody } from '../request-body.js';
import { sendJSON } from '../server.js';

/** What the routes need from the configuration service. */
export interface ConfigApi {
  sections(): ConfigSections;
  /** False when [config-override] enabled = false: the API answers 403. */
  enabled?(): boolean;
  /** Applies one update; throws an error with a status (UpdateError) when refused. */
  update?(section: string, element: string, hasElement: boolean, body: string): Promise<void>;
}

const BASE = '/kapacitor/v1/config';

type Params = { section?: string; element?: string };

export function registerConfigRoutes(app: FastifyInstance, api: ConfigApi): void {
  const checkEnabled = () => {
    if (api.enabled !== undefined && !api.enabled()) throw new ApiError(403, 'config override service is not enabled');
  };

  app.get(BASE, async (_request, reply) => {
    checkEnabled();
    const all = api.sections();
    const out: Record<string, unknown> = {};
    for (const name of Object.keys(all).sort()) out[name] = sectionJSON(name, all[name]!);
    sendJSON(reply, 200, { link: { rel: 'self', href: BASE }, sections: out });
  });

  app.get(`${BASE}/`, async () => {
    checkEnabled();
    throw new ApiError(400, "section not specified, do you have an extra trailing '/'?");
  });

  app.get<{ Params: Params }>(`${BASE}/:section`, async (request, reply) => {
    checkEnabled();
    const name = request.params.section!;
    sendJSON(reply, 200, sectionJSON(name, findSection(api, name)));
  });

  const getElement = async (request: FastifyRequest<{ Params: Params }>, reply: FastifyReply) => {
    checkEnabled();
    const name = request.params.section!;
    const wanted = request.params.element ?? '';
    const found = findSection(api, name).find((element) => (element.element ?? '') === wanted);
    if (found === undefined) throw new ApiError(404, `unknown section/element: ${name}/${wanted}`);
    sendJSON(reply, 200, elementJSON(name, found));
  };
  app.get<{ Params: Params }>(`${BASE}/:section/`, getElement);
  app.get<{ Params: Params }>(`${BASE}/:section/:element`, getElement);

  const update = (hasElementPath: boolean) => async (request: FastifyRequest<{ Params: Params }>, reply: FastifyReply) => {
    checkEnabled();
    if (api.update === undefined) throw new ApiError(403, 'config override service is not enabled');
    const section = request.params.section ?? '';
    const element = request.params.element ?? '';
    try {
      await api.update(section, element, hasElementPath, decodedBody(request).toString('utf8'));
    } catch (error) {
      if (error instanceof UpdateError) throw new ApiError(error.status, error.message);
      throw error;
    }
    reply.code(204).send();
  };
  app.post<{ Params: Params }>(`${BASE}/`, update(false));
  app.post<{ Params: Params }>(`${BASE}/:section`, update(false));
  app.post<{ Params: Params }>(`${BASE}/:section/`, update(true));
  app.post<{ Params: Params }>(`${BASE}/:section/:element`, update(true));
}

function findSection(api: ConfigApi, name: string): ConfigSections[string] {
  const section = api.sections()[name];
  if (section === undefined) throw new ApiError(404, `unknown section: ${name}`);
  return section;
}

function sectionJSON(name: string, elements: ConfigSections[string]): unknown {
  return {
    link: { rel: 'self', href: `${BASE}/${name}` },
    elements: elements.map((element) => elementJSON(name, element)),
  };
}

function elementJSON(name: string, element: ConfigSections[string][number]): unknown {
  return {
    link: { rel: 'self', href: element.element ? `${BASE}/${name}/${element.element}` : `${BASE}/${name}/` },
    options: element.options,
    redacted: element.redacted ?? null,
  };
}
