/**
 * The stats functions: aggregations (count, count_distinct, sum, avg, min,
 * max, pct, stddev) and the non-aggregations earliest, latest, sortsFirst and
 * sortsLast. count_distinct is exact here (AWS approximates it for fields with
 * very many values); stddev is the sample standard deviation; pct(f, p) is a
 * value of f (the smallest one with at least p% of values at or below it).
 */
import type { Expr } from './ast.ts';
import { asNumber } from './coerce.ts';
import type { Compile, ExprContext } from './context.ts';
import { queryError } from './errors.ts';
import { naturalValueSql } from './sort-key.ts';
import { sqlNumber } from './sql.ts';
import type { Typed } from './types.ts';

type Call = Extract<Expr, { kind: 'call' }>;

export function aggregateFunction(call: Call, ctx: ExprContext, compile: Compile): Typed {
  if (!ctx.stats) throw queryError(ctx.query, call.span.start, `${call.name}() is a stats function: use it in a stats command`);
  // Arguments are values of single events: no stats inside them.
  const inner: ExprContext = { query: ctx.query, lookup: ctx.lookup, regexes: ctx.regexes };
  const arg = (i: number): Typed => compile(call.args[i]!, inner);
  const name = call.name.toLowerCase();
  switch (name) {
    case 'count': {
      if (!call.args.length || call.args[0]!.kind === 'star') return { sql: 'count(*)', type: 'number' };
      const t = arg(0);
      return { sql: t.type === 'null' ? '0' : `count(${t.sql})`, type: 'number' };
    }
    case 'count_distinct': {
      const t = arg(0);
      return { sql: t.type === 'null' ? '0' : `count(DISTINCT ${t.sql})`, type: 'number' };
    }
    case 'sum': return { sql: `sum(${asNumber(arg(0))})`, type: 'number' };
    case 'avg': return { sql: `avg(${asNumber(arg(0))})`, type: 'number' };
    case 'stddev': return { sql: `stddev_samp(${asNumber(arg(0))})`, type: 'number' };
    case 'min': case 'max': {
      const t = arg(0);
      return { sql: `${name}(${t.sql})`, type: t.type === 'bool' ? 'number' : t.type };
    }
    case 'pct': {
      const p = call.args[1]!;
      if (p.kind !== 'num' || p.value < 0 || p.value > 100) throw queryError(ctx.query, p.span.start, 'pct() expects a percentile between 0 and 100 as its second argument');
      const t = arg(0);
      const value = t.type === 'time' ? t.sql : asNumber(t);
      return { sql: `quantile_disc(${value}, ${sqlNumber(p.value / 100)})`, type: t.type === 'time' ? 'time' : 'number' };
    }
    case 'earliest': case 'latest': {
      const ts = ctx.stats.timestamp;
      if (!ts) throw queryError(ctx.query, call.span.start, `${call.name}() needs @timestamp, which an earlier stats command did not keep`);
      const t = arg(0);
      if (t.type === 'null') return t;
      return { sql: `${name === 'earliest' ? 'arg_min' : 'arg_max'}(${t.sql}, ${ts.sql}) FILTER (WHERE ${t.sql} IS NOT NULL)`, type: t.type };
    }
    case 'sortsfirst': case 'sortslast': {
      const t = arg(0);
      if (t.type === 'null') return t;
      return { sql: `${name === 'sortsfirst' ? 'arg_min' : 'arg_max'}(${t.sql}, ${naturalValueSql(t)}) FILTER (WHERE ${t.sql} IS NOT NULL)`, type: t.type };
    }
    default:
      throw queryError(ctx.query, call.span.start, `${call.name}() is not supported`);
  }
}
