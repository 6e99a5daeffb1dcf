/** Metadata.vpcflow: ids and addresses a resource pins instead of drawing them from the seed (SCENARIO.md §2). */
import { parseIp } from '../net/ip.ts';
import { describeValue, isMapping } from '../scenario/describe.ts';
import { type Origin, errorAt } from '../scenario/origin.ts';
import type { Path } from '../scenario/path.ts';
import { didYouMean } from '../scenario/suggest.ts';
import type { PinRules, Pins } from './handler.ts';

export function readPins(metadata: unknown, rules: PinRules | undefined, type: string, path: Path, origin: Origin): Pins {
  if (!isMapping(metadata) || metadata.vpcflow === undefined) return {};
  const at = [...path, 'vpcflow'];
  const v = metadata.vpcflow;
  if (!isMapping(v)) throw errorAt(origin, at, 'a mapping such as { id: …, eni: …, publicIp: … }', describeValue(v));
  const allowed = [rules?.id && 'id', rules?.eni && 'eni', rules?.publicIp && 'publicIp'].filter((x): x is string => !!x);
  const pins: Pins = {};
  for (const [key, value] of Object.entries(v)) {
    if (!allowed.includes(key)) {
      const expected = allowed.length ? `a pin ${type} takes (${allowed.join(', ')})` : `no vpcflow pins (${type} takes none)`;
      throw errorAt(origin, [...at, key], expected, `"${key}"${didYouMean(key, allowed)}`);
    }
    if (typeof value !== 'string') throw errorAt(origin, [...at, key], 'a string', describeValue(value));
    if (key === 'publicIp') {
      if (parseIp(value)?.fam !== 4) throw errorAt(origin, [...at, key], 'a public IPv4 address such as 3.80.10.20', describeValue(value));
    } else {
      const prefix = key === 'eni' ? 'eni' : rules!.id!;
      if (!new RegExp(`^${prefix}-([0-9a-f]{8}|[0-9a-f]{17})$`).test(value)) {
        throw errorAt(origin, [...at, key], `an id such as ${prefix}-0123456789abcdef0 (${prefix}- and 8 or 17 hex digits)`, describeValue(value));
      }
    }
    pins[key as keyof Pins] = value;
  }
  return pins;
}
