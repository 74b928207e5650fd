// What differs between the k8sAutoscale, swarmAutoscale and ec2Autoscale nodes (autoscale.go's
// k8s/swarm/ec2 autoscalers): which peer they scale, how a point names the resource (a fixed
// name or a tag), how the resource is written in errors and which tags the emitted event gets.
// Reads node properties only; never does I/O (the Scaler port does).

import { hasProperty, stringValue } from '../../pipeline/properties.js';
import type { PipelineNode } from '../../pipeline/types.js';
import type { Tags } from '../../models/point.js';
import type { AutoscalePort, ScaleResource } from '../ports.js';

/** k8s.NamespaceDefault: the namespace of a k8sAutoscale node without .namespace(). */
const DEFAULT_NAMESPACE = 'default';

export interface AutoscaleTarget {
  /** The peer kind the node scales through. */
  readonly peer: Parameters<AutoscalePort['scaler']>[0];
  /** Kapacitor's wording of a peer lookup failure: `cannot use the ... node, could not create ... client`. */
  readonly clientError: string;
  /** The resource a point is about; throws when its name cannot be found. */
  resourceOf(tags: Readonly<Tags>): ScaleResource;
  /** The key of the resource's scaling state (autoscale.go resourceID.ID()). */
  keyOf(resource: ScaleResource): string;
  /** How errors quote the resource (%q of the resource id). */
  describe(resource: ScaleResource): string;
  /** Adds the resource tags to an emitted event. */
  tag(resource: ScaleResource, tags: Tags): void;
}

/** The name from a fixed name or a tag, as every ResourceIDFromTags does. */
function nameFrom(tags: Readonly<Tags>, name: string, nameTag: string, label: string): string {
  if (name === '' && nameTag === '') throw new Error(`expected one of ${label} to be set`);
  const found = name !== '' ? name : (tags[nameTag] ?? '');
  if (found === '') throw new Error('could not determine the name of the resource');
  return found;
}

function k8sTarget(spec: PipelineNode): AutoscaleTarget {
  const name = stringValue(spec, 'resourceName');
  const nameTag = stringValue(spec, 'resourceNameTag');
  const namespace = stringValue(spec, 'namespace') || DEFAULT_NAMESPACE;
  const kind = hasProperty(spec, 'kind') ? stringValue(spec, 'kind') : 'deployments';
  // k8s_autoscale.go defaults: namespace, kind and resource tags unless set (to '' to drop one).
  const tagName = (prop: string, fallback: string): string => (hasProperty(spec, prop) ? stringValue(spec, prop) : fallback);
  const namespaceTag = tagName('namespaceTag', 'namespace');
  const kindTag = tagName('kindTag', 'kind');
  const resourceTag = tagName('resourceTag', 'resource');
  return {
    peer: 'kubernetes',
    clientError: 'cannot use the k8sAutoscale node, could not create kubernetes client',
    resourceOf: (tags) => ({ namespace, kind, name: nameFrom(tags, name, nameTag, 'ResourceName or ResourceNameTag') }),
    keyOf: (resource) => resource.name,
    describe: (resource) => `${resource.namespace}/${resource.kind}/${resource.name}`,
    tag: (resource, tags) => {
      if (namespaceTag !== '') tags[namespaceTag] = resource.namespace;
      if (kindTag !== '') tags[kindTag] = resource.kind;
      if (resourceTag !== '') tags[resourceTag] = resource.name;
    },
  };
}

/** swarm and ec2: a named resource, tagged under the output tag (default: the input tag). */
function namedTarget(
  spec: PipelineNode,
  peer: 'swarm' | 'ec2',
  props: { name: string; tag: string; outputTag: string; label: string; clientError: string },
): AutoscaleTarget {
  const name = stringValue(spec, props.name);
  const nameTag = stringValue(spec, props.tag);
  const outputTag = stringValue(spec, props.outputTag) || nameTag;
  return {
    peer,
    clientError: props.clientError,
    resourceOf: (tags) => ({ namespace: '', kind: '', name: nameFrom(tags, name, nameTag, props.label) }),
    keyOf: (resource) => resource.name,
    describe: (resource) => resource.name,
    tag: (resource, tags) => {
      if (outputTag !== '') tags[outputTag] = resource.name;
    },
  };
}

/** The target of an autoscale node kind. */
export function autoscaleTarget(spec: PipelineNode): AutoscaleTarget {
  switch (spec.kind) {
    case 'k8sAutoscale':
      return k8sTarget(spec);
    case 'swarmAutoscale':
      return namedTarget(spec, 'swarm', {
        name: 'serviceName',
        tag: 'serviceNameTag',
        outputTag: 'outputServiceNameTag',
        label: 'ServiceName or ServiceNameTag',
        clientError: 'cannot use the swarmAutoscale node, could not create swarm client',
      });
    case 'ec2Autoscale':
      return namedTarget(spec, 'ec2', {
        name: 'groupName',
        tag: 'groupNameTag',
        outputTag: 'outputGroupNameTag',
        label: 'GroupName or GroupNameTag',
        clientError: 'cannot use the EC2Autoscale node, could not create ec2 client',
      });
    default:
      throw new Error(`${spec.kind} is not an autoscale node`);
  }
}
