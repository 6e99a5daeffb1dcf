/** The context a handler creates its resource in, and how EC2's errors are placed in the template. */
import type { Ec2Context } from '../ec2/context.ts';
import { Ec2Error } from '../ec2/errors.ts';
import { describeValue } from '../scenario/describe.ts';
import { type Origin, errorAt } from '../scenario/origin.ts';
import type { Path } from '../scenario/path.ts';
import { expectationFor } from './ec2-messages.ts';
import type { Focus, Pins, ResourceRun } from './handler.ts';
import type { StackIdentity } from './pseudo.ts';

export interface RunInput {
  logicalId: string;
  type: string;
  props: Record<string, unknown>;
  /** Every property the type has, for EC2 messages about one that is missing. */
  known: readonly string[];
  pins: Pins;
  ctx: Ec2Context;
  stack: StackIdentity;
  origin: Origin;
  warnings: string[];
}

export function makeRun(input: RunInput): ResourceRun {
  const base: Path = ['Resources', input.logicalId, 'Properties'];
  const at = (focus: Path): Path => (focus.length ? [...base, ...focus] : ['Resources', input.logicalId]);
  const fail = (focus: Path, expected: string, found: string): never => {
    throw errorAt(input.origin, at(focus), expected, found);
  };
  return {
    logicalId: input.logicalId,
    type: input.type,
    props: input.props,
    pins: input.pins,
    ctx: input.ctx,
    stack: input.stack,
    warn: (message) => {
      const text = `Resources.${input.logicalId}: ${message}`;
      if (!input.warnings.includes(text)) input.warnings.push(text);
    },
    fail,
    ec2<T>(action: string, fn: () => T, focus?: Focus): T {
      try {
        return fn();
      } catch (e) {
        if (!(e instanceof Ec2Error)) throw e;
        const path = mentioned(e, input.props, input.known) ?? (typeof focus === 'function' ? focus(e) : focus);
        const expected = expectationFor(e.message, action);
        if (!path?.length) return fail([], expected, `properties ${action} refuses: ${e.code}: ${e.message}`);
        return fail(path, expected, `${describeValue(valueAt(input.props, path))} (${action} refuses it: ${e.code}: ${e.message})`);
      }
    },
  };
}

/**
 * The property an EC2 message is about: one it names ("… for parameter CidrBlock …"),
 * else one whose value it quotes ("The CIDR '10.0.1.0/24' conflicts …"), else a
 * missing one it names ("… must contain the parameter AllocationId …").
 */
function mentioned(e: Ec2Error, props: Record<string, unknown>, known: readonly string[]): Path | undefined {
  /** The entry whose pattern matches earliest in the message. */
  const first = (entries: [string, unknown][], test: (name: string, value: unknown) => RegExp | undefined): Path | undefined => {
    let best: { name: string; index: number } | undefined;
    for (const [name, value] of entries) {
      const m = test(name, value)?.exec(e.message);
      if (m && (!best || m.index < best.index)) best = { name, index: m.index };
    }
    return best && [best.name];
  };
  const named = (name: string) => new RegExp(`\\b${name}\\b`, 'i');
  const present = Object.entries(props);
  const missing = known.filter((k) => !(k in props)).map((k): [string, unknown] => [k, undefined]);
  return first(present, named) ??
    // Only values with a digit (ids, addresses, numbers): a short word would match the message's own prose.
    first(present, (_, value) => (typeof value === 'string' || typeof value === 'number') && /\d/.test(String(value))
      ? new RegExp(`(?<![\\w./:-])${escapeRegExp(String(value))}(?![\\w/:-])`)
      : undefined) ??
    first(missing, named);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function valueAt(v: unknown, path: Path): unknown {
  let at = v;
  for (const seg of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string | number, unknown>)[seg];
  }
  return at;
}
