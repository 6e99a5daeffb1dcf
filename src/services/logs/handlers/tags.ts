/** TagResource, UntagResource, ListTagsForResource (by log group ARN), and the older TagLogGroup, UntagLogGroup, ListTagsLogGroup. */
import type { LogGroup } from '../../../adapters/logs-store/index.ts';
import type { LogsActionTable } from '../action.ts';
import type { LogsCall } from '../context.ts';
import { invalidParameter, notFound } from '../errors.ts';
import { needGroup } from '../lookup.ts';
import { GROUP_NAME, type Params, optMap, reqList, reqStr } from '../params.ts';
import { checkTags } from './tag-rules.ts';

function groupOfArn(c: LogsCall, p: Params): LogGroup {
  const arn = reqStr(p, 'resourceArn', { min: 1, max: 1011 });
  const m = /^arn:[^:]+:logs:([^:]*):([^:]*):log-group:([^:]+)(?::\*)?$/.exec(arn);
  if (!m) throw invalidParameter(`Invalid resource arn: ${arn}`);
  const g = m[1] === c.region && m[2] === c.account ? c.store.group(m[3]!) : undefined;
  if (!g) throw notFound(`The specified resource does not exist: ${arn}`);
  return g;
}

function tagKeys(p: Params, name: string): string[] {
  return reqList(p, name, 1, 50).map((k) => {
    if (typeof k !== 'string') throw invalidParameter(`${name} must be a list of strings`);
    return k;
  });
}

function addTags(c: LogsCall, g: LogGroup, tags: Record<string, string>): void {
  const merged = { ...g.tags, ...tags };
  checkTags(merged);
  c.store.setTags(g, merged);
}

function removeTags(c: LogsCall, g: LogGroup, keys: string[]): void {
  const left = { ...g.tags };
  for (const k of keys) delete left[k];
  c.store.setTags(g, left);
}

const needTags = (p: Params): Record<string, string> => {
  const t = optMap(p, 'tags');
  if (t === undefined) throw invalidParameter("1 validation error detected: Value null at 'tags' failed to satisfy constraint: Member must not be null");
  return checkTags(t);
};

export const TAG_ACTIONS: LogsActionTable = {
  TagResource: (c, p) => { addTags(c, groupOfArn(c, p), needTags(p)); return undefined; },
  UntagResource: (c, p) => { removeTags(c, groupOfArn(c, p), tagKeys(p, 'tagKeys')); return undefined; },
  ListTagsForResource: (c, p) => ({ tags: groupOfArn(c, p).tags }),
  TagLogGroup: (c, p) => { addTags(c, needGroup(c, reqStr(p, 'logGroupName', GROUP_NAME)), needTags(p)); return undefined; },
  UntagLogGroup: (c, p) => { removeTags(c, needGroup(c, reqStr(p, 'logGroupName', GROUP_NAME)), tagKeys(p, 'tags')); return undefined; },
  ListTagsLogGroup: (c, p) => ({ tags: needGroup(c, reqStr(p, 'logGroupName', GROUP_NAME)).tags }),
};
