// POST /kapacitor/v1/subscriptions: relink every InfluxDB cluster's subscriptions now
// (Kapacitor's manual trigger for what otherwise happens every subscriptions-sync-interval).

import type { FastifyInstance } from 'fastify';
import type { InfluxDBService } from '../../services/influxdb/service.js';
import { ApiError } from '../errors.js';

export function registerSubscriptionRoutes(app: FastifyInstance, influx: InfluxDBService): void {
  app.post('/kapacitor/v1/subscriptions', async (_request, reply) => {
    const error = await influx.linkSubscriptions();
    if (error !== undefined) throw new ApiError(500, `failed to link subscriptions: ${error.message}`);
    reply.code(204).send();
  });
}
