/**
 * The import of an account's existing state: a snapshot (merged `aws ec2
 * describe-*` output) filled straight into the model, with the real ids and
 * exact rules. The EC2 actions create resources with AWS's defaults (a new
 * VPC's default ACL and group, fresh ids); here nothing is created, what AWS
 * printed is written as it is — which is why this module, and only it, writes
 * the model without the actions.
 */
import { Network } from '../model/network.ts';
import { SnapshotError } from './errors.ts';
import { REQUIRED_KEYS } from './detect.ts';
import { Place, isObj, show } from './fields.ts';
import { importInstances, importInterfaces, importNatGateways, importSecurityGroups, registerEndpoints } from './import-hosts.ts';
import { importInternetGateways, importNetworkAcls, importRouteTables, importSubnets, importVpcs } from './import-routing.ts';

export interface ImportedSnapshot {
  net: Network;
  warnings: string[];
}

export interface ImportOptions {
  /** Used when the snapshot names no owner (OwnerId) or zone. */
  account?: string | undefined;
  region?: string | undefined;
  /** How messages name the file. */
  name?: string | undefined;
}

function ownerOf(doc: Record<string, unknown>): string | undefined {
  for (const key of ['Vpcs', 'SecurityGroups', 'NetworkInterfaces', 'NetworkAcls']) {
    const items = doc[key];
    if (Array.isArray(items)) for (const i of items) if (isObj(i) && typeof i.OwnerId === 'string' && /^\d{12}$/.test(i.OwnerId)) return i.OwnerId;
  }
  return undefined;
}

function regionOf(doc: Record<string, unknown>): string | undefined {
  const subnets = doc.Subnets;
  if (!Array.isArray(subnets)) return undefined;
  for (const s of subnets) {
    if (isObj(s) && typeof s.AvailabilityZone === 'string') return s.AvailabilityZone.replace(/[a-z]$/, '');
  }
  return undefined;
}

export function importSnapshot(doc: unknown, opts: ImportOptions = {}): ImportedSnapshot {
  const name = opts.name ?? 'snapshot';
  if (!isObj(doc)) throw new SnapshotError(`${name}: expected an object with the keys of aws ec2 describe-* output (Vpcs, Subnets, …), found ${show(doc)}`);
  const missing = REQUIRED_KEYS.filter((k) => doc[k] === undefined);
  if (missing.length > 0) {
    throw new SnapshotError(`${name}: missing ${missing.join(', ')} (merge the output of ${missing.map((k) => `aws ec2 describe-${kebab(k)}`).join(', ')})`);
  }
  const net = new Network(ownerOf(doc) ?? opts.account ?? '123456789012', regionOf(doc) ?? opts.region ?? 'us-east-1');
  const root = new Place(name);
  const warnings: string[] = [];
  importVpcs(net, doc, root);
  importInternetGateways(net, doc, root);
  importSubnets(net, doc, root);
  importRouteTables(net, doc, root, warnings);
  importNetworkAcls(net, doc, root);
  importSecurityGroups(net, doc, root);
  importInterfaces(net, doc, root);
  importInstances(net, doc, root);
  importNatGateways(net, doc, root);
  registerEndpoints(net);
  net.touch();
  return { net, warnings };
}

function kebab(key: string): string {
  return key.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
}
