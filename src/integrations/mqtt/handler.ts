// The `mqtt` alert handler: publishes the alert message to a topic on a configured broker
// ([[mqtt]] name, url, credentials) with the chosen QoS and retain flag; one client per handler.

import type { MqttClient } from 'mqtt';
import type { AlertEvent } from '../../alert/event.js';
import type { AlertHandler } from '../../alert/handler.js';
import { boolOption, HandlerOptionError, numberOption, stringOption, type HandlerContext, type HandlerOptions } from '../../alert/handler-context.js';
import { tlsOptions } from '../../alert/http-send.js';

/** mqtt is loaded with the first alert sent, so a server without MQTT alerts never loads it. */
let mqttModule: Promise<typeof import('mqtt').default> | undefined;

export class MqttHandler implements AlertHandler {
  private client: MqttClient | undefined;
  /** The [[mqtt]] section the client was made from; a config API change makes a new one. */
  private clientSection: unknown;
  private readonly broker: string;
  private readonly topic: string;
  private readonly qos: 0 | 1 | 2;
  private readonly retained: boolean;

  constructor(
    options: HandlerOptions,
    private readonly context: HandlerContext,
  ) {
    this.broker = stringOption(options, 'broker-name');
    this.topic = stringOption(options, 'topic');
    if (this.topic === '') throw new HandlerOptionError('mqtt: topic must be provided');
    const qos = numberOption(options, 'qos', 0);
    if (qos !== 0 && qos !== 1 && qos !== 2) throw new HandlerOptionError('mqtt: qos must be 0, 1 or 2');
    this.qos = qos;
    this.retained = boolOption(options, 'retained');
  }

  private connect(mqtt: typeof import('mqtt').default): MqttClient {
    const brokers = this.context.config().mqtt ?? [];
    const config =
      this.broker === ''
        ? (brokers.find((element) => element.default) ?? (brokers.length === 1 ? brokers[0] : undefined))
        : brokers.find((element) => element.name === this.broker);
    if (config === undefined) throw new Error(`mqtt: broker ${JSON.stringify(this.broker)} is not configured`);
    const url = config.url.replace(/^tcp:\/\//, 'mqtt://').replace(/^ssl:\/\//, 'mqtts://');
    return mqtt.connect(url, {
      clientId: config.clientId !== '' ? config.clientId : undefined,
      username: config.username !== '' ? config.username : undefined,
      password: config.password !== '' ? config.password : undefined,
      ...(url.startsWith('mqtts:') || url.startsWith('wss:') ? tlsOptions(config) : {}),
      connectTimeout: 10_000,
      reconnectPeriod: 1_000,
    });
  }

  async handle(event: AlertEvent): Promise<void> {
    const section = this.context.config().mqtt;
    if (section !== this.clientSection) {
      this.clientSection = section;
      await this.close();
    }
    const mqtt = await (mqttModule ??= import('mqtt').then((loaded) => loaded.default));
    this.client ??= this.connect(mqtt);
    await this.client.publishAsync(this.topic, event.state.message, { qos: this.qos, retain: this.retained });
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client !== undefined) await client.endAsync();
  }
}
