/**
 * CreateTags, DeleteTags and DescribeTags over the `tags` of every taggable
 * resource, with EC2's limits: 50 tags per resource, keys up to 127
 * characters, values up to 255, no `aws:` prefix. A request is checked in
 * full before anything changes.
 */
import type { Network } from '../model/network.ts';
import type { Tag } from '../model/types.ts';
import type { Ec2Context } from './context.ts';
import { Ec2Error, missingParam } from './errors.ts';
import { type Params, list, strList } from './params.ts';

export const MAX_TAGS = 50;

export interface TagDescription { ResourceId: string; ResourceType: string; Key: string; Value: string }

interface Taggable { id: string; type: string; tags: Tag[] }

/** Resource id prefix → DescribeTags resource type, the Network map (keyed by id) and the code for an unknown id. */
const KINDS: readonly { prefix: string; type: string; code: string; map: (n: Network) => ReadonlyMap<string, { tags: Tag[] }> }[] = [
  { prefix: 'vpc', type: 'vpc', code: 'InvalidVpcID.NotFound', map: (n) => n.vpcs },
  { prefix: 'subnet', type: 'subnet', code: 'InvalidSubnetID.NotFound', map: (n) => n.subnets },
  { prefix: 'rtb', type: 'route-table', code: 'InvalidRouteTableID.NotFound', map: (n) => n.routeTables },
  { prefix: 'igw', type: 'internet-gateway', code: 'InvalidInternetGatewayID.NotFound', map: (n) => n.internetGateways },
  { prefix: 'nat', type: 'natgateway', code: 'InvalidNatGatewayID.NotFound', map: (n) => n.natGateways },
  { prefix: 'eipalloc', type: 'elastic-ip', code: 'InvalidAllocationID.NotFound', map: (n) => n.addresses },
  { prefix: 'acl', type: 'network-acl', code: 'InvalidNetworkAclID.NotFound', map: (n) => n.networkAcls },
  { prefix: 'sg', type: 'security-group', code: 'InvalidGroup.NotFound', map: (n) => n.securityGroups },
  { prefix: 'eni', type: 'network-interface', code: 'InvalidNetworkInterfaceID.NotFound', map: (n) => n.interfaces },
  { prefix: 'i', type: 'instance', code: 'InvalidInstanceID.NotFound', map: (n) => n.instances },
  { prefix: 'fl', type: 'vpc-flow-log', code: 'InvalidFlowLogId.NotFound', map: (n) => n.flowLogs },
];

function findTaggable(net: Network, id: string): Taggable {
  const dash = id.lastIndexOf('-');
  const kind = dash > 0 ? KINDS.find((k) => k.prefix === id.slice(0, dash)) : undefined;
  if (!kind) throw new Ec2Error('InvalidID', `The ID '${id}' is not valid`);
  const r = kind.map(net).get(id);
  if (!r) throw new Ec2Error(kind.code, `The ID '${id}' does not exist`);
  return { id, type: kind.type, tags: r.tags };
}

function resources(net: Network, p: Params): Taggable[] {
  const ids = strList(p, 'Resources');
  if (ids.length === 0) throw missingParam('Resources');
  return ids.map((id) => findTaggable(net, id));
}

function readTagList(p: Params): { Key: string; Value: string | undefined }[] {
  return list(p, 'Tags').map((t) => {
    const o = (t ?? {}) as Params;
    const key = o.Key === undefined || o.Key === null ? '' : String(o.Key);
    if (!key) throw new Ec2Error('InvalidParameterValue', 'Tag keys must not be empty');
    return { Key: key, Value: o.Value === undefined || o.Value === null ? undefined : String(o.Value) };
  });
}

export function createTags(ctx: Ec2Context, p: Params): void {
  const targets = resources(ctx.net, p);
  const tags = readTagList(p).map((t) => ({ Key: t.Key, Value: t.Value ?? '' }));
  if (tags.length === 0) throw missingParam('Tags');
  for (const t of tags) {
    if (t.Key.length > 127) throw new Ec2Error('InvalidParameterValue', `Tag key exceeds the maximum length of 127 characters: '${t.Key}'`);
    if (t.Value.length > 255) throw new Ec2Error('InvalidParameterValue', `Tag value exceeds the maximum length of 255 characters (key '${t.Key}')`);
    if (t.Key.toLowerCase().startsWith('aws:')) throw new Ec2Error('InvalidParameterValue', `Tag keys starting with 'aws:' are reserved for internal use ('${t.Key}')`);
  }
  for (const r of targets) {
    const keys = new Set([...r.tags.map((t) => t.Key), ...tags.map((t) => t.Key)]);
    if (keys.size > MAX_TAGS) throw new Ec2Error('TagLimitExceeded', `The maximum number of Tags for a resource has been reached (${MAX_TAGS}, on ${r.id}).`);
  }
  for (const r of targets) {
    for (const t of tags) {
      const existing = r.tags.find((x) => x.Key === t.Key);
      if (existing) existing.Value = t.Value;
      else r.tags.push({ ...t });
    }
  }
  ctx.net.touch();
}

/** Without tags, removes every tag; a tag given with a value (even empty) is removed only if its value matches. */
export function deleteTags(ctx: Ec2Context, p: Params): void {
  const targets = resources(ctx.net, p);
  const doomed = readTagList(p);
  for (const r of targets) {
    const keep = doomed.length === 0 ? [] : r.tags.filter((t) => !doomed.some((d) => d.Key === t.Key && (d.Value === undefined || d.Value === t.Value)));
    r.tags.length = 0;
    r.tags.push(...keep);
  }
  ctx.net.touch();
}

/** Every tag of every resource, resource by resource in creation order. */
export function allTags(net: Network): TagDescription[] {
  const out: TagDescription[] = [];
  for (const kind of KINDS) {
    for (const [id, r] of kind.map(net)) {
      for (const t of r.tags) out.push({ ResourceId: id, ResourceType: kind.type, Key: t.Key, Value: t.Value });
    }
  }
  return out;
}
