/** StartQuery, GetQueryResults, StopQuery, DescribeQueries: Logs Insights, run to completion at start. */
import { InsightsQueryError, parseQuery } from '../../../core/insights/index.ts';
import type { LogsActionTable } from '../action.ts';
import type { LogsCall } from '../context.ts';
import { LogsError, invalidParameter, notFound, validation } from '../errors.ts';
import { groupNameOfIdentifier } from '../lookup.ts';
import { GROUP_NAME, type Params, optInt, optStr, reqInt, reqStr, strList } from '../params.ts';
import type { QueryRecord } from '../queries/book.ts';
import { runLogsQuery } from '../queries/run-query.ts';

function offsetOf(query: string, line: number, column: number): number {
  const lines = query.split('\n');
  let off = 0;
  for (let i = 0; i < line - 1 && i < lines.length; i++) off += lines[i]!.length + 1;
  return off + column - 1;
}

function malformed(query: string, e: InsightsQueryError): LogsError {
  const at = offsetOf(query, e.line, e.column);
  return new LogsError('MalformedQueryException', `Query is malformed: ${e.message}`, 400, {
    queryCompileError: { location: { startCharOffset: at, endCharOffset: at }, message: e.reason },
  });
}

function groupsOf(c: LogsCall, p: Params): string[] {
  const one = optStr(p, 'logGroupName', GROUP_NAME);
  const many = strList(p, 'logGroupNames', GROUP_NAME, 0, 50);
  const ids = strList(p, 'logGroupIdentifiers', { min: 1, max: 2048 }, 0, 50);
  const given = [one !== undefined, many !== undefined, ids !== undefined].filter(Boolean).length;
  if (given !== 1) throw invalidParameter('Exactly one of logGroupName, logGroupNames or logGroupIdentifiers must be specified.');
  const names = one !== undefined ? [one] : many ?? ids!.map(groupNameOfIdentifier);
  if (names.length === 0) throw invalidParameter('Exactly one of logGroupName, logGroupNames or logGroupIdentifiers must be specified.');
  for (const n of names) {
    if (!c.store.group(n)) throw notFound(`Log group '${n}' does not exist for account ID '${c.account}'`);
  }
  return names;
}

const QUERY_STATUSES = ['Scheduled', 'Running', 'Complete', 'Failed', 'Cancelled', 'Timeout', 'Unknown'];

const cell = (v: string | number): string => (typeof v === 'number' ? String(v) : v);

export const QUERY_ACTIONS: LogsActionTable = {
  StartQuery: async (c, p) => {
    const language = optStr(p, 'queryLanguage');
    if (language !== undefined && language !== 'CWLI') throw validation('queryLanguage', language, 'vpcflow supports only the Logs Insights query language (CWLI)');
    const groups = groupsOf(c, p);
    const startTime = reqInt(p, 'startTime', 0);
    const endTime = reqInt(p, 'endTime', 0);
    const queryString = reqStr(p, 'queryString', { max: 10000 });
    const limit = optInt(p, 'limit', 1, 10000);
    if (endTime < startTime) throw invalidParameter('End time should not be before the start time.');
    try {
      parseQuery(queryString);
    } catch (e) {
      if (e instanceof InsightsQueryError) throw malformed(queryString, e);
      throw e;
    }
    const r = await c.queries.serial(() => runLogsQuery(c.store, { query: queryString, groups, startMs: startTime * 1000, endMs: endTime * 1000 + 999, limit }))
      .catch((e: unknown) => {
        if (e instanceof InsightsQueryError) throw malformed(queryString, e);
        throw e;
      });
    const record: QueryRecord = {
      queryId: c.queries.newId(), queryString, logGroupNames: groups, createTime: c.now(), status: 'Complete',
      results: r.rows.map((row) => r.fields.flatMap((f, i) => (row[i] === null || row[i] === undefined ? [] : [{ field: f.name, value: cell(row[i]!) }]))),
      statistics: {
        recordsMatched: r.statistics?.recordsMatched ?? 0, recordsScanned: r.statistics?.recordsScanned ?? 0, bytesScanned: r.statistics?.bytesScanned ?? 0,
      },
    };
    c.queries.add(record);
    return { queryId: record.queryId };
  },
  GetQueryResults: (c, p) => {
    const q = c.queries.get(reqStr(p, 'queryId', { max: 256 }));
    if (!q) throw notFound('The specified query could not be found.');
    return { queryLanguage: 'CWLI', results: q.results, statistics: q.statistics, status: q.status };
  },
  StopQuery: (c, p) => {
    const q = c.queries.get(reqStr(p, 'queryId', { max: 256 }));
    if (!q) throw notFound('The specified query could not be found.');
    // Queries finish before StartQuery answers: there is never one left to stop.
    return { success: false };
  },
  DescribeQueries: (c, p) => {
    const group = optStr(p, 'logGroupName', GROUP_NAME);
    const status = optStr(p, 'status');
    if (status !== undefined && !QUERY_STATUSES.includes(status)) throw validation('status', status, `Member must satisfy enum value set: [${QUERY_STATUSES.join(', ')}]`);
    const max = optInt(p, 'maxResults', 1, 1000) ?? 1000;
    optStr(p, 'nextToken', { min: 1 });
    const all = c.queries.all().filter((q) => (group === undefined || q.logGroupNames.includes(group)) && (status === undefined || q.status === status));
    return {
      queries: all.slice(0, max).map((q) => ({
        queryLanguage: 'CWLI', queryId: q.queryId, queryString: q.queryString, status: q.status, createTime: q.createTime,
        ...(q.logGroupNames.length === 1 ? { logGroupName: q.logGroupNames[0] } : {}),
      })),
    };
  },
};
