/** Expressions to SQL, with the type of their values. */
import type { Expr } from './ast.ts';
import { aggregateFunction } from './aggregates.ts';
import { asBool, asNumber, asString, compare, stringLiteral } from './coerce.ts';
import type { ExprContext } from './context.ts';
import { queryError } from './errors.ts';
import { lookupFunction } from './functions.ts';
import { toRe2 } from './regex.ts';
import { scalarFunction } from './scalar-functions.ts';
import { sqlNumber, sqlString } from './sql.ts';
import type { Typed } from './types.ts';

const ARITHMETIC: Record<string, string> = { '+': '+', '-': '-', '*': '*', '/': '/', '%': '%', '^': '^' };

/** A regular expression literal as an SQL string for RE2. */
export function regexSql(source: string, offset: number, ctx: ExprContext): string {
  const r = toRe2(source);
  if (typeof r === 'string') throw queryError(ctx.query, offset, `invalid regular expression: ${r}`);
  ctx.regexes.push({ pattern: r.pattern, offset });
  return sqlString(r.pattern);
}

export function compileExpr(e: Expr, ctx: ExprContext): Typed {
  switch (e.kind) {
    case 'num': return { sql: sqlNumber(e.value), type: 'number', literal: e.value };
    case 'str': return stringLiteral(e.value);
    case 'regex': throw queryError(ctx.query, e.span.start, 'a /regular expression/ can only follow "like" or "=~"');
    case 'period': throw queryError(ctx.query, e.span.start, `a time period such as ${e.text} can only be an argument of bin(), datefloor() or dateceil()`);
    case 'star': throw queryError(ctx.query, e.span.start, '"*" can only be the argument of count()');
    case 'field': {
      if (ctx.stats) {
        throw queryError(ctx.query, e.span.start, `"${e.name}" is not an aggregation: group by it with "by ${e.name}", or use it inside a function such as count(${e.name})`);
      }
      return ctx.lookup(e.name);
    }
    case 'neg': return { sql: `(- ${asNumber(compileExpr(e.arg, ctx))})`, type: 'number' };
    case 'not': return { sql: `(NOT ${asBool(compileExpr(e.arg, ctx))})`, type: 'bool' };
    case 'binary': {
      const l = compileExpr(e.left, ctx);
      const r = compileExpr(e.right, ctx);
      if (e.op === 'and' || e.op === 'or') return { sql: `(${asBool(l)} ${e.op.toUpperCase()} ${asBool(r)})`, type: 'bool' };
      if (e.op in ARITHMETIC) {
        const sql = e.op === '%' ? `fmod(${asNumber(l)}, ${asNumber(r)})` : `(${asNumber(l)} ${ARITHMETIC[e.op]} ${asNumber(r)})`;
        return { sql, type: 'number' };
      }
      return { sql: compare(e.op, l, r), type: 'bool' };
    }
    case 'match': {
      const s = asString(compileExpr(e.left, ctx));
      const p = e.pattern;
      const sql = p.kind === 'regex'
        ? `regexp_matches(${s}, ${regexSql(p.source, p.span.start, ctx)})`
        : `contains(${s}, ${sqlString(p.kind === 'str' ? p.value : '')})`;
      return { sql: e.negated ? `(NOT ${sql})` : sql, type: 'bool' };
    }
    case 'in': {
      const l = compileExpr(e.left, ctx);
      const terms = e.items.map((item) => compare('=', l, compileExpr(item, ctx)));
      const any = terms.length ? `(${terms.join(' OR ')})` : 'false';
      return { sql: e.negated ? `(NOT ${any})` : any, type: 'bool' };
    }
    case 'call': {
      const sig = lookupFunction(e.name)!;
      if (sig.kind === 'aggregate') return aggregateFunction(e, ctx, compileExpr);
      // Scalar functions in stats outputs apply to aggregations (e.g. sum(bytes) / count(*)).
      return scalarFunction(e, ctx, compileExpr);
    }
  }
}

/** Whether an expression uses a stats function somewhere. */
export function hasAggregate(e: Expr): boolean {
  switch (e.kind) {
    case 'call': return lookupFunction(e.name)?.kind === 'aggregate' || e.args.some(hasAggregate);
    case 'neg': case 'not': return hasAggregate(e.arg);
    case 'binary': return hasAggregate(e.left) || hasAggregate(e.right);
    case 'match': return hasAggregate(e.left);
    case 'in': return hasAggregate(e.left) || e.items.some(hasAggregate);
    default: return false;
  }
}
