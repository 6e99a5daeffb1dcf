/** The `changes` list (SCENARIO.md §4): EC2 actions at given times, their !Ref/!GetAtt resolved against the built stack. */
import { ACTIONS } from '../ec2/actions.ts';
import type { Params } from '../ec2/params.ts';
import { describeValue, isMapping } from './describe.ts';
import { readDuration } from './durations.ts';
import { type Origin, errorAt } from './origin.ts';
import { type Path, formatPath } from './path.ts';
import { list, mapping, onlyKeys } from './read.ts';
import { didYouMean } from './suggest.ts';
import type { Change } from './types.ts';

export type Resolve = (value: unknown, path: Path, origin: Origin) => unknown;

/** The changes in time order (changes at the same time keep the file's order). */
export function readChanges(v: unknown, origin: Origin, resolve: Resolve): Change[] {
  if (v === undefined || v === null) return [];
  const changes = list(v, ['changes'], origin, 'a list of changes').map((item, i): Change => {
    const path: Path = ['changes', i];
    const c = mapping(item, path, origin, 'a change with at, action and params');
    onlyKeys(c, ['at', 'action', 'params'], path, origin, 'a change field');
    if (c.at === undefined) throw errorAt(origin, path, 'the field at (when the change happens)', 'none');
    const action = c.action;
    if (typeof action !== 'string' || !(action in ACTIONS)) {
      const names = Object.keys(ACTIONS);
      throw errorAt(origin, action === undefined ? path : [...path, 'action'], 'an EC2 action such as AuthorizeSecurityGroupIngress or DeleteRoute',
        typeof action === 'string' ? `"${action}"${didYouMean(action, names)}` : describeValue(action));
    }
    const params = c.params === undefined ? {} : resolve(c.params, [...path, 'params'], origin);
    if (!isMapping(params)) throw errorAt(origin, [...path, 'params'], `the request parameters of ${action} (a mapping)`, describeValue(params));
    const pos = origin.locate(formatPath(path));
    return { at: readDuration(c.at, [...path, 'at'], origin), action, params: params as Params, place: `changes[${i}]`, line: pos?.line, column: pos?.column };
  });
  return changes.map((c, i) => ({ c, i })).sort((a, b) => a.c.at - b.c.at || a.i - b.i).map(({ c }) => c);
}
