// The `kafka` alert handler: writes the alert data JSON (or a template over it) to a topic of
// a configured cluster ([[kafka]] id, brokers) through kafkajs; one producer per cluster.

import type { Producer } from 'kafkajs';
import { alertDataJSON, type AlertEvent } from '../../alert/event.js';
import type { AlertHandler } from '../../alert/handler.js';
import { HandlerOptionError, stringOption, type HandlerContext, type HandlerOptions } from '../../alert/handler-context.js';
import { compileTemplate, type CompiledTemplate } from '../../alert/template/index.js';

export class KafkaHandler implements AlertHandler {
  private producer: Promise<Producer> | undefined;
  /** The [[kafka]] section the producer was made from; a config API change makes a new one. */
  private producerSection: unknown;
  private readonly cluster: string;
  private readonly topic: string;
  private readonly template: CompiledTemplate | undefined;

  constructor(options: HandlerOptions, private readonly context: HandlerContext) {
    this.cluster = stringOption(options, 'cluster', 'default');
    this.topic = stringOption(options, 'topic');
    if (this.topic === '') throw new HandlerOptionError('kafka: topic must be provided');
    const template = stringOption(options, 'template');
    this.template = template === '' ? undefined : compileTemplate('kafka', template);
  }

  /** kafkajs is loaded with the first alert sent, so a server without Kafka alerts never loads it. */
  private async connect(): Promise<Producer> {
    const config = (this.context.config().kafka ?? []).find((element) => element.id === this.cluster);
    if (config === undefined) throw new Error(`kafka: cluster ${JSON.stringify(this.cluster)} is not configured`);
    const { Kafka, logLevel } = await import('kafkajs');
    const kafka = new Kafka({
      clientId: 'kapacitor',
      brokers: config.brokers,
      ssl: config.useSsl ? { rejectUnauthorized: !config.insecureSkipVerify } : undefined,
      sasl: config.saslUsername !== '' ? { mechanism: 'plain', username: config.saslUsername, password: config.saslPassword } : undefined,
      connectionTimeout: config.timeout,
      requestTimeout: config.timeout,
      logLevel: logLevel.NOTHING,
      retry: { retries: 2 },
    });
    const producer = kafka.producer({ allowAutoTopicCreation: true });
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
    await producer.send({ topic: this.topic, messages: [{ key: event.id, value }] });
  }

  async close(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    if (producer !== undefined) await (await producer.catch(() => undefined))?.disconnect();
  }
}
