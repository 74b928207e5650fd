// An [[ec2]] region as the ec2Autoscale node's Scaler: an Auto Scaling group's desired
// capacity, read with DescribeAutoScalingGroups and set with SetDesiredCapacity
// (HonorCooldown=false: the node keeps its own cooldowns), over the query protocol, signed with
// AWS Signature V4 (aws4). Credentials are the section's access-key/secret-key, else the
// AWS_* environment. The endpoint is https://autoscaling.<region>.amazonaws.com unless the
// section names another.

import aws4 from 'aws4';
import type { Dispatcher } from 'undici';
import { lazyRequire } from '../../util/lazy-require.js';
import type { Ec2Config } from '../../config/sections.js';
import type { Scaler, ScaleResource } from '../../engine/ports.js';
import { awsErrorText, elementTexts } from './query-xml.js';

const undici = lazyRequire<typeof import('undici')>('undici');

const API_VERSION = '2011-01-01';
const TIMEOUT_MS = 30_000;

export class Ec2ScaleClient implements Scaler {
  private readonly endpoint: URL;

  constructor(private readonly config: Ec2Config) {
    if (config.id === '') throw new Error('ec2 discovery must be given a ID');
    if (config.region === '') throw new Error(`ec2 discovery, ${config.id}, requires a region`);
    this.endpoint = new URL(config.endpoint || `https://autoscaling.${config.region}.amazonaws.com`);
  }

  /** The group's desired capacity; 0 for a group the region does not have (as Kapacitor). */
  async replicas(resource: ScaleResource): Promise<number> {
    let xml: string;
    try {
      xml = await this.call({ Action: 'DescribeAutoScalingGroups', 'AutoScalingGroupNames.member.1': resource.name });
    } catch (error) {
      const reason = `failed to create GET request for ${(error as Error).message}`;
      throw new Error(`failed to get ec2 autoscaleGroup for ${JSON.stringify(resource.name)}: ${reason}`, { cause: error });
    }
    const capacities = elementTexts(xml, 'DesiredCapacity');
    const last = capacities[capacities.length - 1];
    return last === undefined ? 0 : Number(last);
  }

  async setReplicas(resource: ScaleResource, replicas: number): Promise<void> {
    try {
      await this.call({ Action: 'SetDesiredCapacity', AutoScalingGroupName: resource.name, DesiredCapacity: String(replicas), HonorCooldown: 'false' });
    } catch (error) {
      throw new Error(`Failed to set desired capacity ${(error as Error).message}`, { cause: error });
    }
  }

  /** One signed query-protocol POST; the XML answer, or an error worded "Code: Message". */
  private async call(parameters: Record<string, string>): Promise<string> {
    const body = new URLSearchParams({ ...parameters, Version: API_VERSION }).toString();
    const path = this.endpoint.pathname === '' ? '/' : this.endpoint.pathname;
    const credentials = this.config.accessKey === '' ? undefined : { accessKeyId: this.config.accessKey, secretAccessKey: this.config.secretKey };
    const signed = aws4.sign(
      {
        host: this.endpoint.host,
        path,
        method: 'POST',
        service: 'autoscaling',
        region: this.config.region,
        body,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' },
      },
      credentials,
    );
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(signed.headers ?? {})) {
      // undici sets Host and Content-Length from the URL and the body, to the values signed
      if (value !== undefined && !['host', 'content-length'].includes(name.toLowerCase())) headers[name] = String(value);
    }
    let response: Dispatcher.ResponseData;
    try {
      response = await undici().request(new URL(path, this.endpoint), { method: 'POST', headers, body, headersTimeout: TIMEOUT_MS, bodyTimeout: TIMEOUT_MS });
    } catch (error) {
      throw new Error(`RequestError: send request failed: ${(error as Error).message}`, { cause: error });
    }
    const text = await response.body.text();
    if (response.statusCode < 200 || response.statusCode >= 300) throw new Error(awsErrorText(text, response.statusCode));
    return text;
  }
}
