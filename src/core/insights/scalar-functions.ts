/** The numeric, general, string, datetime and IP functions, in SQL. */
import type { Expr } from './ast.ts';
import { asNumber, asString } from './coerce.ts';
import type { Compile, ExprContext } from './context.ts';
import { queryError } from './errors.ts';
import { floorTime, ceilTime } from './time-sql.ts';
import { inSubnetSql, isIpv4Sql, isIpv6Sql, subnet } from './ip-sql.ts';
import { parsePeriod, type Period } from './periods.ts';
import { NULL_VALUE, type Typed } from './types.ts';

type Call = Extract<Expr, { kind: 'call' }>;

const num = (sql: string): Typed => ({ sql, type: 'number' });
const str = (sql: string): Typed => ({ sql, type: 'string' });
const bool = (sql: string): Typed => ({ sql, type: 'bool' });
const time = (sql: string): Typed => ({ sql, type: 'time' });

function period(e: Expr, ctx: ExprContext, fn: string): Period {
  const p = e.kind === 'period' ? parsePeriod(e.text) : undefined;
  if (!p) throw queryError(ctx.query, e.span.start, `${fn}() expects a time period such as 5m or 1h`);
  return p;
}

/** Milliseconds of a timestamp argument (a number is read as milliseconds). */
function ms(t: Typed): string | undefined {
  if (t.type === 'time') return t.sql;
  if (t.type === 'number') return `TRY_CAST(${t.sql} AS BIGINT)`;
  if (t.type === 'string') return `TRY_CAST(${t.sql} AS BIGINT)`;
  return undefined;
}

function cidrArg(e: Expr, ctx: ExprContext, fn: string, fam?: 4 | 6) {
  const family = fam === 4 ? 'an IPv4 ' : fam === 6 ? 'an IPv6 ' : 'a ';
  if (e.kind !== 'str') throw queryError(ctx.query, e.span.start, `${fn}() expects ${family}subnet in CIDR notation as a string, such as "${fam === 6 ? '2001:db8::/32' : '192.0.2.0/24'}"`);
  const c = subnet(e.value);
  if (!c || (fam && c.fam !== fam)) throw queryError(ctx.query, e.span.start, `${fn}(): ${JSON.stringify(e.value)} is not ${family}subnet in CIDR notation`);
  return c;
}

function stringFn(name: string, a: Typed[], call: Call, ctx: ExprContext): Typed {
  const s = a.map(asString);
  switch (name) {
    case 'isempty': return bool(`(${s[0]} IS NULL OR ${s[0]} = '')`);
    case 'isblank': return bool(`(${s[0]} IS NULL OR regexp_full_match(${s[0]}, '\\s*'))`);
    case 'concat': return str(`concat(${s.join(', ')})`);
    case 'ltrim': return str(s.length === 2 ? `ltrim(${s[0]}, ${s[1]})` : `regexp_replace(${s[0]}, '^\\s+', '')`);
    case 'rtrim': return str(s.length === 2 ? `rtrim(${s[0]}, ${s[1]})` : `regexp_replace(${s[0]}, '\\s+$', '')`);
    case 'trim': return str(s.length === 2 ? `trim(${s[0]}, ${s[1]})` : `regexp_replace(${s[0]}, '^\\s+|\\s+$', '', 'g')`);
    case 'strlen': return num(`length(${s[0]})`);
    case 'toupper': return str(`upper(${s[0]})`);
    case 'tolower': return str(`lower(${s[0]})`);
    case 'substr': {
      // Insights counts from 0; SQL from 1.
      const from = `TRY_CAST(${asNumber(a[1]!)} AS BIGINT) + 1`;
      return str(a.length === 3 ? `substring(${s[0]}, ${from}, TRY_CAST(${asNumber(a[2]!)} AS BIGINT))` : `substring(${s[0]}, ${from})`);
    }
    case 'replace': return str(`replace(${s[0]}, ${s[1]}, ${s[2]})`);
    case 'strcontains': return num(`CAST(contains(${s[0]}, ${s[1]}) AS INTEGER)`);
    default: throw queryError(ctx.query, call.span.start, `${call.name}() is not supported`);
  }
}

export function scalarFunction(call: Call, ctx: ExprContext, compile: Compile): Typed {
  const name = call.name.toLowerCase();
  const arg = (i: number): Typed => compile(call.args[i]!, ctx);
  switch (name) {
    case 'abs': case 'ceil': case 'floor': case 'sqrt':
      return num(`${name}(${asNumber(arg(0))})`);
    case 'log': return num(`ln(${asNumber(arg(0))})`);
    case 'greatest': case 'least':
      return num(`${name}(${call.args.map((_, i) => asNumber(arg(i))).join(', ')})`);
    case 'ispresent': {
      const t = arg(0);
      return bool(t.type === 'null' ? 'false' : `(${t.sql} IS NOT NULL)`);
    }
    case 'coalesce': {
      const all = call.args.map((_, i) => arg(i)).filter((t) => t.type !== 'null');
      if (!all.length) return NULL_VALUE;
      const same = all.every((t) => t.type === all[0]!.type);
      return { sql: `coalesce(${all.map((t) => (same ? t.sql : asString(t))).join(', ')})`, type: same ? all[0]!.type : 'string' };
    }
    case 'bin': {
      const p = period(call.args[0]!, ctx, 'bin');
      const ts = ctx.lookup('@timestamp');
      return ts.type === 'time' ? time(floorTime(ts.sql, p)) : NULL_VALUE;
    }
    case 'datefloor': case 'dateceil': {
      const p = period(call.args[1]!, ctx, call.name);
      const m = ms(arg(0));
      if (!m) return NULL_VALUE;
      return time(name === 'datefloor' ? floorTime(m, p) : ceilTime(m, p));
    }
    case 'frommillis': {
      const m = ms(arg(0));
      return m ? time(m) : NULL_VALUE;
    }
    case 'tomillis': {
      const m = ms(arg(0));
      return m ? num(m) : NULL_VALUE;
    }
    case 'isvalidip': {
      const s = asString(arg(0));
      return bool(`(${isIpv4Sql(s)} OR ${isIpv6Sql(s)})`);
    }
    case 'isvalidipv4': return bool(isIpv4Sql(asString(arg(0))));
    case 'isvalidipv6': return bool(isIpv6Sql(asString(arg(0))));
    case 'isipinsubnet': case 'isipv4insubnet': case 'isipv6insubnet': {
      const fam = name === 'isipv4insubnet' ? 4 : name === 'isipv6insubnet' ? 6 : undefined;
      const c = cidrArg(call.args[1]!, ctx, call.name, fam);
      return bool(inSubnetSql(asString(arg(0)), c));
    }
    default:
      return stringFn(name, call.args.map((_, i) => arg(i)), call, ctx);
  }
}

