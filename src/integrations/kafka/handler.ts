// The `kafka` alert handler: writes the alert data JSON (or a template over it) to a topic of
// a configured cluster ([[kafka]] id, brokers, TLS files, SASL PLAIN / SCRAM / OAUTHBEARER) through
// kafkajs; one producer per handler; partition by a hash of the alert ID unless disabled.

import type { Producer, SASLOptions } from 'kafkajs';
import { alertDataJSON, type AlertEvent } from '../../alert/event.js';
import type { AlertHandler } from '../../alert/handler.js';
import { boolOption, HandlerOptionError, stringOption, type HandlerContext, type HandlerOptions } from '../../alert/handler-context.js';
import { compileTemplate, type CompiledTemplate } from '../../alert/template/index.js';
import { tlsOptions } from '../../alert/http-send.js';
import type { Config } from '../../config/sections.js';
import { PARTITION_ALGORITHMS, partitionFor } from './partition.js';

export class KafkaHandler implements AlertHandler {
  private producer: Promise<Producer> | undefined;
  /** The [[kafka]] section the producer was made from; a config API change makes a new one. */
  private producerSection: unknown;
  private readonly cluster: string;
  private readonly topic: string;
  private readonly template: CompiledTemplate | undefined;
  private readonly partitionById: boolean;
  private readonly partitionAlgorithm: string;

  constructor(
    options: HandlerOptions,
    private readonly context: HandlerContext,
  ) {
    this.cluster = stringOption(options, 'cluster', 'default');
    this.topic = stringOption(options, 'topic');
    if (this.topic === '') throw new HandlerOptionError('kafka: topic must be provided');
    const template = stringOption(options, 'template');
    this.template = template === '' ? undefined : compileTemplate('kafka', template);
    this.partitionById = !boolOption(options, 'disablePartitionById');
    this.partitionAlgorithm = stringOption(options, 'partitionAlgorithm');
    if (!PARTITION_ALGORITHMS.includes(this.partitionAlgorithm)) {
      throw new HandlerOptionError(`kafka: unknown partition hash algorithm ${JSON.stringify(this.partitionAlgorithm)}; use crc32, murmur2 or fnv-1a`);
    }
  }

  /** kafkajs is loaded with the first alert sent, so a server without Kafka alerts never loads it. */
  private async connect(): Promise<Producer> {
    const config = (this.context.config().kafka ?? []).find((element) => element.id === this.cluster);
    if (config === undefined) throw new Error(`kafka: cluster ${JSON.stringify(this.cluster)} is not configured`);
    const { Kafka, logLevel } = await import('kafkajs');
    const kafka = new Kafka({
      clientId: 'kapacitor',
      brokers: config.brokers,
      ssl: config.useSsl ? tlsOptions(config) : undefined,
      sasl: saslOptions(config),
      connectionTimeout: config.timeout,
      requestTimeout: config.timeout,
      logLevel: logLevel.NOTHING,
      retry: { retries: 2 },
    });
    const algorithm = this.partitionAlgorithm;
    let roundRobin = 0;
    const producer = kafka.producer({
      allowAutoTopicCreation: true,
      createPartitioner:
        () =>
        ({ partitionMetadata, message }) => {
          const partitions = Math.max(1, partitionMetadata.length);
          if (message.key === null || message.key === undefined) return roundRobin++ % partitions;
          return partitionFor(message.key.toString(), partitions, algorithm);
        },
    });
    await producer.connect();
    return producer;
  }

  async handle(event: AlertEvent): Promise<void> {
    const section = this.context.config().kafka;
    if (section !== this.producerSection) {
      this.producerSection = section;
      await this.close();
    }
    this.producer ??= this.connect();
    let producer: Producer;
    try {
      producer = await this.producer;
    } catch (err) {
      this.producer = undefined;
      throw err;
    }
    const value = this.template === undefined ? alertDataJSON(event) : this.template.execute(JSON.parse(alertDataJSON(event)));
    // Without partition-by-id the message has no key and goes round robin.
    await producer.send({ topic: this.topic, messages: [this.partitionById ? { key: event.id, value } : { value }] });
  }

  async close(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    if (producer !== undefined) await (await producer.catch(() => undefined))?.disconnect();
  }
}

type KafkaSection = Config['kafka'][number];

/** kafkajs SASL options from [[kafka]] sasl-*: PLAIN, SCRAM-SHA-256/512 or OAUTHBEARER. */
function saslOptions(config: KafkaSection): SASLOptions | undefined {
  const mechanism = config.saslMechanism || (config.saslUsername !== '' ? 'PLAIN' : '');
  switch (mechanism) {
    case '':
      return undefined;
    case 'PLAIN':
      return { mechanism: 'plain', username: config.saslUsername, password: config.saslPassword };
    case 'SCRAM-SHA-256':
      return { mechanism: 'scram-sha-256', username: config.saslUsername, password: config.saslPassword };
    case 'SCRAM-SHA-512':
      return { mechanism: 'scram-sha-512', username: config.saslUsername, password: config.saslPassword };
    case 'OAUTHBEARER':
      return { mechanism: 'oauthbearer', oauthBearerProvider: () => oauthToken(config) };
    default:
      throw new Error(`kafka: unsupported sasl-mechanism ${JSON.stringify(mechanism)}`);
  }
}

/** A static sasl-access-token, or a client-credentials token from sasl-oauth-token-url. */
async function oauthToken(config: KafkaSection): Promise<{ value: string }> {
  if (config.saslAccessToken !== '') return { value: config.saslAccessToken };
  if (config.saslOauthTokenUrl === '') throw new Error('kafka: OAUTHBEARER needs sasl-access-token or sasl-oauth-token-url');
  const form = new URLSearchParams({ grant_type: 'client_credentials', ...config.saslOauthParameters });
  if (config.saslOauthScopes.length > 0) form.set('scope', config.saslOauthScopes.join(' '));
  const response = await fetch(config.saslOauthTokenUrl, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Authorization: 'Basic ' + Buffer.from(`${config.saslOauthClientId}:${config.saslOauthClientSecret}`).toString('base64'),
    },
    body: form.toString(),
  });
  if (!response.ok) throw new Error(`kafka: token request failed with status ${response.status}`);
  const body = (await response.json()) as { access_token?: unknown };
  if (typeof body.access_token !== 'string') throw new Error('kafka: token response has no access_token');
  return { value: body.access_token };
}
