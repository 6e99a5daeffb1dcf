/**
 * A snapshot where a scenario's `template` goes: the imported network with an
 * EC2 context for the scenario's changes, and a resolver for their `!Ref`s
 * (a Ref names an id of the snapshot, or a Name tag registered as an endpoint).
 */
import { createEc2Context } from '../ec2/create-context.ts';
import { isMapping } from '../scenario/describe.ts';
import { type Origin, errorAt } from '../scenario/origin.ts';
import type { Path } from '../scenario/path.ts';
import type { BuiltNetwork } from '../template/build.ts';
import { SnapshotError } from './errors.ts';
import { importSnapshot } from './import.ts';

export interface SnapshotBuildInput {
  snapshot: unknown;
  origin: Origin;
  stack: { account: string; region: string; seed: string | number };
  start: number;
}

export function buildSnapshot(input: SnapshotBuildInput): BuiltNetwork {
  let imported;
  try {
    imported = importSnapshot(input.snapshot, { account: input.stack.account, region: input.stack.region, name: 'snapshot' });
  } catch (e) {
    if (e instanceof SnapshotError) throw errorAt(input.origin, [], 'a complete snapshot (aws ec2 describe-* output)', e.message);
    throw e;
  }
  const { net, warnings } = imported;
  const ctx = createEc2Context(net, input.stack.seed, () => input.start);
  const resolve = (value: unknown, path: Path, origin: Origin): unknown => {
    if (Array.isArray(value)) return value.map((v, i) => resolve(v, [...path, i], origin));
    if (!isMapping(value)) return value;
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === 'Ref') {
      const name = value.Ref;
      if (typeof name !== 'string') throw errorAt(origin, path, 'a Ref to an id of the snapshot', String(name));
      return net.logical.get(name)?.physicalId ?? name;
    }
    if (keys.length === 1 && keys[0]!.startsWith('Fn::')) throw errorAt(origin, path, 'plain values or !Ref (a snapshot has no template functions)', keys[0]!);
    return Object.fromEntries(keys.map((k) => [k, resolve(value[k], [...path, k], origin)]));
  };
  return { net, ctx, ignored: [], warnings, outputs: {}, resolve };
}
