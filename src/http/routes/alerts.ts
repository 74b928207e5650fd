// /kapacitor/v1/alerts/topics: topics (pattern, min-level), their events and their handler
// specs (POST/GET/PUT/PATCH/DELETE), in Kapacitor 1.5's JSON shapes.

import { parseUserJSON } from '../../util/safe-json.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { alertErrors } from '../../errors/catalogue.js';
import type { TopicsApi } from '../../alert/topics-api.js';
import { eventStateView, type EventState } from '../../alert/event.js';
import { applyJsonPatch, JsonPatchError } from '../../alert/json-patch.js';
import { levelName, OK, parseLevel, type Level } from '../../alert/levels.js';
import type { HandlerSpec, Topic } from '../../alert/topic.js';
import { compileGlob, GlobPatternError } from '../../util/glob.js';
import { ApiError, apiErrors } from '../errors.js';
import { decodedBody, jsonBody, queryValue, forbiddenOrInvalid } from '../request-body.js';
import { sendJSON } from '../server.js';

const BASE = '/kapacitor/v1/alerts/topics';

type TopicParams = { Params: { topic: string } };
type EventParams = { Params: { topic: string; event: string } };
type HandlerParams = { Params: { topic: string; handler: string } };

function topicPath(id: string): string {
  return `${BASE}/${id}`;
}

function topicView(topic: Topic): Record<string, unknown> {
  return {
    link: { rel: 'self', href: topicPath(topic.id) },
    id: topic.id,
    level: levelName(topic.level()),
    collected: topic.collected,
    'events-link': { rel: 'events', href: `${topicPath(topic.id)}/events` },
    'handlers-link': { rel: 'handlers', href: `${topicPath(topic.id)}/handlers` },
  };
}

function eventView(topic: string, id: string, state: EventState): Record<string, unknown> {
  return { link: { rel: 'self', href: `${topicPath(topic)}/events/${id}` }, id, state: eventStateView(state) };
}

function handlerView(topic: string, spec: HandlerSpec): Record<string, unknown> {
  return { link: { rel: 'self', href: `${topicPath(topic)}/handlers/${spec.id}` }, id: spec.id, kind: spec.kind, options: spec.options, match: spec.match };
}

function minLevel(request: FastifyRequest): Level {
  const text = queryValue(request, 'min-level');
  if (text === '') return OK;
  const level = parseLevel(text);
  if (level === undefined) throw new ApiError(400, `invalid level ${JSON.stringify(text)}`);
  return level;
}

function anyJSON(request: FastifyRequest): unknown {
  try {
    return parseUserJSON(decodedBody(request).toString('utf8'));
  } catch (error) {
    throw forbiddenOrInvalid(error);
  }
}

export function registerAlertRoutes(app: FastifyInstance, alerts: TopicsApi): void {
  // Reads answer only once the state they show is durable: what a client saw survives kill -9.
  app.get(BASE, async (request, reply) => {
    await alerts.flush();
    const pattern = queryValue(request, 'pattern');
    let topics: Topic[];
    try {
      topics = alerts.listTopics(pattern, minLevel(request));
    } catch (err) {
      if (err instanceof GlobPatternError) throw apiErrors.invalidPattern(pattern);
      throw err;
    }
    sendJSON(reply, 200, { link: { rel: 'self', href: BASE }, topics: topics.map(topicView) });
  });

  app.get<TopicParams>(`${BASE}/:topic`, async (request, reply) => {
    await alerts.flush();
    sendJSON(reply, 200, topicView(alerts.topic(request.params.topic)));
  });

  app.delete<TopicParams>(`${BASE}/:topic`, async (request, reply) => {
    await alerts.deleteTopic(request.params.topic);
    reply.code(204).send();
  });

  app.get<TopicParams>(`${BASE}/:topic/events`, async (request, reply) => {
    await alerts.flush();
    const topic = request.params.topic;
    const events = alerts.events(topic, minLevel(request));
    sendJSON(reply, 200, {
      link: { rel: 'self', href: `${topicPath(topic)}/events` },
      topic,
      events: events.map(({ id, state }) => eventView(topic, id, state)),
    });
  });

  app.get<EventParams>(`${BASE}/:topic/events/:event`, async (request, reply) => {
    await alerts.flush();
    const { topic, event } = request.params;
    sendJSON(reply, 200, eventView(topic, event, alerts.event(topic, event)));
  });

  app.get<TopicParams>(`${BASE}/:topic/handlers`, async (request, reply) => {
    const topic = request.params.topic;
    const pattern = queryValue(request, 'pattern');
    let match: (id: string) => boolean;
    try {
      match = pattern === '' ? () => true : compileGlob(pattern);
    } catch (err) {
      if (err instanceof GlobPatternError) throw apiErrors.invalidPattern(pattern);
      throw err;
    }
    sendJSON(reply, 200, {
      link: { rel: 'self', href: `${topicPath(topic)}/handlers` },
      topic,
      handlers: alerts
        .handlers(topic)
        .filter((spec) => match(spec.id))
        .map((spec) => handlerView(topic, spec)),
    });
  });

  app.post<TopicParams>(`${BASE}/:topic/handlers`, async (request, reply) => {
    const topic = request.params.topic;
    const spec = await alerts.createHandler(topic, jsonBody(request));
    sendJSON(reply, 200, handlerView(topic, spec));
  });

  app.get<HandlerParams>(`${BASE}/:topic/handlers/:handler`, async (request, reply) => {
    const { topic, handler } = request.params;
    sendJSON(reply, 200, handlerView(topic, alerts.handler(topic, handler)));
  });

  app.put<HandlerParams>(`${BASE}/:topic/handlers/:handler`, async (request, reply) => {
    const { topic, handler } = request.params;
    const spec = await alerts.replaceHandler(topic, handler, jsonBody(request));
    sendJSON(reply, 200, handlerView(topic, spec));
  });

  app.patch<HandlerParams>(`${BASE}/:topic/handlers/:handler`, async (request, reply) => {
    const { topic, handler } = request.params;
    const current = alerts.handler(topic, handler);
    let patched: unknown;
    try {
      patched = applyJsonPatch({ id: current.id, kind: current.kind, options: current.options, match: current.match }, anyJSON(request));
    } catch (err) {
      if (err instanceof JsonPatchError) throw alertErrors.invalidPatch(err.message);
      throw err;
    }
    const spec = await alerts.replaceHandler(topic, handler, patched);
    sendJSON(reply, 200, handlerView(topic, spec));
  });

  app.delete<HandlerParams>(`${BASE}/:topic/handlers/:handler`, async (request, reply) => {
    const { topic, handler } = request.params;
    await alerts.deleteHandler(topic, handler);
    reply.code(204).send();
  });
}
