// The clusters the autoscale nodes scale: [[kubernetes]] (k8sAutoscale), [[swarm]]
// (swarmAutoscale) and [[ec2]] (ec2Autoscale), with Kapacitor's keys and defaults; a node picks
// one by its id with .cluster(). Table only; integrations/autoscale.ts acts on it.

import { key, type SectionDef, type KeyDefs } from './schema.js';

function arraySection<K extends KeyDefs>(def: SectionDef<K> & { array: true }): SectionDef<K> & { array: true } {
  return def;
}

export const AUTOSCALE_SECTIONS = {
  kubernetes: arraySection({
    array: true,
    elementKey: 'id',
    overridable: true,
    doc: ['Kubernetes clusters the k8sAutoscale node scales (deployments, replica sets, replication controllers).'],
    keys: {
      enabled: key('bool', false, ['Let k8sAutoscale nodes use this cluster.']),
      id: key('string', '', ['Name k8sAutoscale nodes use in .cluster(); may be empty when there is one cluster.']),
      inCluster: key('bool', false, ['Connect as the pod Kapacitor runs in: service account token, CA and namespace from its secrets.']),
      apiServers: key('string-list', () => [], ['URLs of the API servers, e.g. ["http://localhost:8001"] through `kubectl proxy`.']),
      token: key('string', '', ['Bearer token sent to the API servers.'], { redact: true }),
      caPath: key('string', '', ['PEM file of the CA the API servers are verified with.']),
      namespace: key('string', '', ['Namespace of the cluster client (nodes default to "default").']),
      resource: key('string', '', ['Resource kind for scraper discovery: node, pod, service or endpoint (discovery is not supported).'], {
        validate: (value) =>
          value === '' || ['node', 'pod', 'service', 'endpoint'].includes(value) ? undefined : 'Resource must be one of node, pod, service, or endpoints',
      }),
    },
  }),
  swarm: arraySection({
    array: true,
    elementKey: 'id',
    overridable: true,
    doc: ['Docker Swarm clusters the swarmAutoscale node scales.'],
    keys: {
      enabled: key('bool', false, ['Let swarmAutoscale nodes use this cluster.']),
      id: key('string', '', ['Name swarmAutoscale nodes use in .cluster() (not the id Swarm gives the cluster).']),
      servers: key('string-list', () => ['http://localhost:2376'], ['URLs of the Docker Engine API servers.']),
      sslCa: key('string', '', ['PEM file of the CA to trust.']),
      sslCert: key('string', '', ['PEM client certificate.']),
      sslKey: key('string', '', ['PEM client key.']),
      insecureSkipVerify: key('bool', false, ["Do not verify the servers' certificates (insecure)."]),
    },
  }),
  ec2: arraySection({
    array: true,
    elementKey: 'id',
    overridable: true,
    doc: ['AWS regions whose EC2 Auto Scaling groups the ec2Autoscale node scales.'],
    keys: {
      enabled: key('bool', false, ['Let ec2Autoscale nodes use this region.']),
      id: key('string', 'myec2', ['Name ec2Autoscale nodes use in .cluster().']),
      region: key('string', 'us-east-1', ['AWS region.']),
      accessKey: key('string', '', ['AWS access key id.']),
      secretKey: key('string', '', ['AWS secret access key.'], { redact: true }),
      profile: key('string', '', ['Profile for EC2 scraper discovery (discovery is not supported).']),
      refreshInterval: key('duration', 60_000, ['Refresh interval of EC2 scraper discovery (discovery is not supported).']),
      port: key('int', 80, ['Port of the targets of EC2 scraper discovery (discovery is not supported).']),
      endpoint: key('string', '', ['Auto Scaling API URL; empty means https://autoscaling.<region>.amazonaws.com (not a Kapacitor key).']),
    },
  }),
};
