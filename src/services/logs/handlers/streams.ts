/** CreateLogStream, DeleteLogStream, DescribeLogStreams. */
import type { LogStream } from '../../../adapters/logs-store/index.ts';
import type { LogsActionTable } from '../action.ts';
import { alreadyExists, invalidParameter, streamNotFound, validation } from '../errors.ts';
import { groupNameParam, needGroup } from '../lookup.ts';
import { offsetPage, page } from '../paging.ts';
import { GROUP_NAME, NEXT_TOKEN, STREAM_NAME, optBool, optInt, optStr, reqStr } from '../params.ts';
import { streamView } from '../views.ts';

const byLastEvent = (a: LogStream, b: LogStream): number =>
  (a.lastEventTimestamp ?? -1) - (b.lastEventTimestamp ?? -1) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export const STREAM_ACTIONS: LogsActionTable = {
  CreateLogStream: (c, p) => {
    const g = needGroup(c, reqStr(p, 'logGroupName', GROUP_NAME));
    const name = reqStr(p, 'logStreamName', STREAM_NAME);
    if (g.streams.has(name)) throw alreadyExists('The specified log stream already exists');
    c.store.createStream(g, name);
    return undefined;
  },
  DeleteLogStream: async (c, p) => {
    const g = needGroup(c, reqStr(p, 'logGroupName', GROUP_NAME));
    if (!(await c.store.deleteStream(g, reqStr(p, 'logStreamName', STREAM_NAME)))) throw streamNotFound();
    return undefined;
  },
  DescribeLogStreams: (c, p) => {
    const g = needGroup(c, groupNameParam(p, true));
    const prefix = optStr(p, 'logStreamNamePrefix', STREAM_NAME);
    const orderBy = optStr(p, 'orderBy') ?? 'LogStreamName';
    if (orderBy !== 'LogStreamName' && orderBy !== 'LastEventTime') throw validation('orderBy', orderBy, 'Member must satisfy enum value set: [LogStreamName, LastEventTime]');
    if (orderBy === 'LastEventTime' && prefix !== undefined) throw invalidParameter('Cannot order by LastEventTime with a logStreamNamePrefix.');
    const descending = optBool(p, 'descending') ?? false;
    const limit = optInt(p, 'limit', 1, 50) ?? 50;
    const token = optStr(p, 'nextToken', NEXT_TOKEN);
    let streams = g.sortedStreams().filter((s) => prefix === undefined || s.name.startsWith(prefix));
    if (orderBy === 'LastEventTime') streams.sort(byLastEvent);
    if (descending) streams = streams.reverse();
    const r = orderBy === 'LogStreamName' && !descending
      ? page(streams, (s) => s.name, 'streams', token, limit)
      : offsetPage(streams, `streams-${orderBy}-${descending}`, token, limit);
    return { logStreams: r.items.map((s) => streamView(c, g, s)), ...(r.nextToken ? { nextToken: r.nextToken } : {}) };
  },
};
