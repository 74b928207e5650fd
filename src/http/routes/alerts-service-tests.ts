// /kapacitor/v1/service-tests: list the testable alert services with their default options,
// and POST /service-tests/NAME to send a test alert through one ({"success", "message"}).

import type { FastifyInstance } from 'fastify';
import type { HandlerContext } from '../../alert/handler-context.js';
import { runServiceTest, serviceTestNames } from '../../integrations/service-tests.js';
import { compileGlob, GlobPatternError } from '../../util/glob.js';
import { ApiError, apiErrors } from '../errors.js';
import { decodedBody, queryValue } from '../request-body.js';
import { sendJSON } from '../server.js';

const BASE = '/kapacitor/v1/service-tests';

export function registerServiceTestRoutes(app: FastifyInstance, context: HandlerContext): void {
  app.get(BASE, async (request, reply) => {
    const pattern = queryValue(request, 'pattern');
    let match: (name: string) => boolean = () => true;
    if (pattern !== '') {
      try {
        match = compileGlob(pattern);
      } catch (err) {
        if (err instanceof GlobPatternError) throw apiErrors.invalidPattern(pattern);
        throw err;
      }
    }
    const services = serviceTestNames()
      .filter((service) => match(service.name))
      .map((service) => ({ link: { rel: 'self', href: `${BASE}/${service.name}` }, name: service.name, options: service.options }));
    sendJSON(reply, 200, { link: { rel: 'self', href: BASE }, services });
  });

  app.get<{ Params: { name: string } }>(`${BASE}/:name`, async (request, reply) => {
    const service = serviceTestNames().find((candidate) => candidate.name === request.params.name);
    if (service === undefined) throw new ApiError(404, `service ${JSON.stringify(request.params.name)} not found`);
    sendJSON(reply, 200, { link: { rel: 'self', href: `${BASE}/${service.name}` }, name: service.name, options: service.options });
  });

  app.post<{ Params: { name: string } }>(`${BASE}/:name`, async (request, reply) => {
    const text = decodedBody(request).toString('utf8').trim();
    let options: Record<string, unknown> = {};
    if (text !== '') {
      try {
        const parsed: unknown = JSON.parse(text);
        if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
        options = parsed as Record<string, unknown>;
      } catch {
        throw apiErrors.invalidJSON();
      }
    }
    const result = await runServiceTest(context, request.params.name, options);
    if (result === undefined) throw new ApiError(404, `service ${JSON.stringify(request.params.name)} not found`);
    sendJSON(reply, 200, result);
  });
}
