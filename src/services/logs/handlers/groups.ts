/** CreateLogGroup, DeleteLogGroup, DescribeLogGroups, PutRetentionPolicy, DeleteRetentionPolicy. */
import type { LogsActionTable } from '../action.ts';
import { alreadyExists, groupNotFound, invalidParameter, validation } from '../errors.ts';
import { groupNameOfIdentifier, groupNameParam, needGroup } from '../lookup.ts';
import { page } from '../paging.ts';
import { GROUP_NAME, NEXT_TOKEN, optInt, optMap, optStr, reqInt, reqStr, strList } from '../params.ts';
import { groupView } from '../views.ts';
import { checkTags } from './tag-rules.ts';

/** The values PutRetentionPolicy accepts. */
export const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

export const GROUP_ACTIONS: LogsActionTable = {
  CreateLogGroup: (c, p) => {
    const name = reqStr(p, 'logGroupName', GROUP_NAME);
    optStr(p, 'kmsKeyId', { max: 256 });
    const cls = optStr(p, 'logGroupClass');
    if (cls !== undefined && !['STANDARD', 'INFREQUENT_ACCESS', 'DELIVERY'].includes(cls)) throw validation('logGroupClass', cls, 'Member must satisfy enum value set: [STANDARD, INFREQUENT_ACCESS, DELIVERY]');
    const tags = checkTags(optMap(p, 'tags'));
    if (c.store.group(name)) throw alreadyExists('The specified log group already exists');
    c.store.createGroup(name, tags);
    return undefined;
  },
  DeleteLogGroup: async (c, p) => {
    const name = groupNameParam(p);
    if (!(await c.store.deleteGroup(name))) throw groupNotFound();
    return undefined;
  },
  DescribeLogGroups: (c, p) => {
    const prefix = optStr(p, 'logGroupNamePrefix', GROUP_NAME);
    const pattern = optStr(p, 'logGroupNamePattern', { max: 512, pattern: /^[.\-_/#A-Za-z0-9]*$/ });
    if (prefix !== undefined && pattern !== undefined) throw invalidParameter('LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.');
    const ids = strList(p, 'logGroupIdentifiers', { min: 1, max: 2048 }, 1, 50);
    const limit = optInt(p, 'limit', 1, 50) ?? 50;
    const token = optStr(p, 'nextToken', NEXT_TOKEN);
    const wanted = ids ? new Set(ids.map(groupNameOfIdentifier)) : undefined;
    const matching = c.store.groups().filter((g) =>
      (prefix === undefined || g.name.startsWith(prefix))
      && (pattern === undefined || g.name.toLowerCase().includes(pattern.toLowerCase()))
      && (wanted === undefined || wanted.has(g.name)));
    const r = page(matching, (g) => g.name, 'groups', token, limit);
    return { logGroups: r.items.map((g) => groupView(c, g)), ...(r.nextToken ? { nextToken: r.nextToken } : {}) };
  },
  PutRetentionPolicy: (c, p) => {
    const name = reqStr(p, 'logGroupName', GROUP_NAME);
    const days = reqInt(p, 'retentionInDays');
    if (!(RETENTION_DAYS as readonly number[]).includes(days)) {
      throw validation('retentionInDays', String(days), `Member must satisfy enum value set: [${RETENTION_DAYS.join(', ')}]`);
    }
    c.store.setRetention(needGroup(c, name), days);
    return undefined;
  },
  DeleteRetentionPolicy: (c, p) => {
    c.store.setRetention(needGroup(c, reqStr(p, 'logGroupName', GROUP_NAME)), undefined);
    return undefined;
  },
};
