/**
 * What a rule reads from one log event: its contributor (the values of the
 * Keys) and the amount it contributes (1, or the ValueOf field for Sum),
 * after the Filters. CLF events are split like space-delimited metric
 * filters (positions from 1, `[…]` and `"…"` one field); JSON events are
 * read with `$.` properties. Events without a key, or without a numeric
 * ValueOf in a Sum rule, contribute nothing.
 */
import { parseSelector, resolvePath, splitFields } from '../metric-filters/index.ts';
import type { InsightRule, RuleFilter } from './rule.ts';

export interface Contribution {
  keys: string[];
  value: number;
}

type Value = string | number | boolean | null | undefined;
type Reader = (message: string) => ((ref: string) => Value) | undefined;

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

const numeric = (v: Value): number | undefined =>
  typeof v === 'number' ? v : typeof v === 'string' && NUMBER.test(v) ? Number(v) : undefined;

/** Whether a log group is one the rule reads (a name, or a prefix ending in `*`). */
export function ruleReadsGroup(rule: InsightRule, group: string): boolean {
  return rule.logGroupNames.some((n) => (n.endsWith('*') ? group.startsWith(n.slice(0, -1)) : group === n));
}

export function compileExtractor(rule: InsightRule): (message: string) => Contribution | undefined {
  const reader = rule.logFormat === 'CLF' ? clfReader(rule) : jsonReader();
  const filters = rule.filters.map(filterTest);
  const sum = rule.aggregateOn === 'Sum' && rule.valueOf !== undefined ? rule.valueOf : undefined;
  return (message) => {
    const get = reader(message);
    if (!get) return undefined;
    for (const f of filters) if (!f(get)) return undefined;
    const keys: string[] = [];
    for (const k of rule.keys) {
      const v = get(k);
      if (v === undefined || v === null) return undefined;
      keys.push(String(v));
    }
    if (sum === undefined) return { keys, value: 1 };
    const n = numeric(get(sum));
    return n === undefined ? undefined : { keys, value: n };
  };
}

function clfReader(rule: InsightRule): Reader {
  const position = (ref: string): number => rule.fields.get(ref) ?? Number(ref);
  return (message) => {
    const fields = splitFields(message);
    return (ref) => fields[position(ref) - 1];
  };
}

function jsonReader(): Reader {
  const paths = new Map<string, ReturnType<typeof parseSelector>>();
  return (message) => {
    if (message.trimStart()[0] !== '{') return undefined;
    let root: unknown;
    try {
      root = JSON.parse(message);
    } catch {
      return undefined;
    }
    return (ref) => {
      let steps = paths.get(ref);
      if (steps === undefined) paths.set(ref, (steps = parseSelector(ref)));
      const v = steps ? resolvePath(root, steps) : undefined;
      return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : undefined;
    };
  };
}

function filterTest(f: RuleFilter): (get: (ref: string) => Value) => boolean {
  const text = (v: Value) => (v === undefined || v === null ? undefined : String(v));
  switch (f.op) {
    case 'IsPresent': return (get) => (get(f.match) !== undefined) === f.operand;
    case 'In': { const set = new Set(f.operand as string[]); return (get) => { const v = text(get(f.match)); return v !== undefined && set.has(v); }; }
    case 'NotIn': { const set = new Set(f.operand as string[]); return (get) => { const v = text(get(f.match)); return v !== undefined && !set.has(v); }; }
    case 'StartsWith': { const ps = f.operand as string[]; return (get) => { const v = text(get(f.match)); return v !== undefined && ps.some((p) => v.startsWith(p)); }; }
    case 'NotStartsWith': { const ps = f.operand as string[]; return (get) => { const v = text(get(f.match)); return v !== undefined && !ps.some((p) => v.startsWith(p)); }; }
    case 'GreaterThan': return (get) => { const n = numeric(get(f.match)); return n !== undefined && n > (f.operand as number); };
    case 'LessThan': return (get) => { const n = numeric(get(f.match)); return n !== undefined && n < (f.operand as number); };
    case 'EqualTo': return (get) => equal(get(f.match), f.operand as number | string) === true;
    case 'NotEqualTo': return (get) => equal(get(f.match), f.operand as number | string) === false;
  }
}

/** true/false, or undefined when the field is missing. */
function equal(v: Value, operand: number | string): boolean | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof operand === 'number') {
    const n = numeric(v);
    return n !== undefined && n === operand;
  }
  return String(v) === operand;
}
