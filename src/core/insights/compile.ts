/**
 * A query to one DuckDB SELECT. Each command wraps the relation of the
 * commands before it in a subquery (DuckDB merges them again: filters reach
 * the scan, unused columns are never read), so the query runs as one SQL
 * statement, never event by event.
 *
 * Without sort, events come newest first (@timestamp descending), as in AWS;
 * stats results come in ascending order of their groups. Without limit, at
 * most 10,000 rows are returned, as AWS does.
 */
import type { Command, Projection, Query } from './ast.ts';
import { asBool, asString } from './coerce.ts';
import { compileExpr, hasAggregate, regexSql } from './compile-expr.ts';
import type { ExprContext } from './context.ts';
import { queryError } from './errors.ts';
import { parseQuery } from './parser.ts';
import { globToRe2, toRe2 } from './regex.ts';
import { sortTerms } from './sort-key.ts';
import { sqlString } from './sql.ts';
import { NULL_VALUE, type Source, type Typed, type ValueType } from './types.ts';

export const DEFAULT_LIMIT = 10_000;

export interface OutputField {
  readonly name: string;
  /** `bool` results come out as 1 and 0, so never `bool` here. */
  readonly type: Exclude<ValueType, 'bool'>;
}

export interface CompiledQuery {
  /** The rows: columns o0, o1, … in the order of `fields`. */
  readonly sql: string;
  readonly fields: readonly OutputField[];
  /** One row: events scanned, bytes of their messages, events matched by the query. */
  readonly statisticsSql: string;
  /** The regular expressions of the query (RE2 syntax) and where they are, to check before running. */
  readonly regexes: readonly { readonly pattern: string; readonly offset: number }[];
}

export interface CompileOptions {
  /** Rows returned when the query has no limit command (default 10,000). */
  readonly limit?: number;
}

interface Layer {
  readonly select: string;
  readonly rest: string;
}

interface OrderKey {
  readonly t: Typed;
  readonly desc: boolean;
}

const fieldName = (p: Projection): string => p.alias ?? (p.expr.kind === 'field' ? p.expr.name : p.text);

class Pipeline {
  private readonly layers: Layer[] = [];
  private readonly overlay = new Map<string, Typed>();
  /** Source fields in use, by name; undefined once stats has replaced the events. */
  private base: Map<string, Typed> | undefined = new Map();
  private readonly baseColumns: string[] = [];
  private order: OrderKey[];
  private columns = 0;
  private readonly shown: string[] = [];
  private hasFields = false;
  private statsShown: string[] | undefined;
  private display: readonly Projection[] | undefined;
  private limited = false;
  /** Layers before the first stats, limit or dedup: what counts as matched. */
  private matchedLayers: number | undefined;
  private readonly regexes: { pattern: string; offset: number }[] = [];
  private readonly ctx: ExprContext;

  constructor(private readonly query: Query, private readonly src: Source) {
    this.ctx = { query: query.source, lookup: (n) => this.lookup(n), regexes: this.regexes };
    this.order = [{ t: this.lookup('@timestamp'), desc: true }];
  }

  private lookup(name: string): Typed {
    const own = this.overlay.get(name);
    if (own) return own;
    if (!this.base) return NULL_VALUE;
    const known = this.base.get(name);
    if (known) return known;
    const f = this.src.fields.get(name);
    if (!f) return NULL_VALUE;
    const col = `b${this.baseColumns.length}`;
    this.baseColumns.push(`${f.sql} AS ${col}`);
    const t: Typed = { sql: col, type: f.type };
    this.base.set(name, t);
    return t;
  }

  private wrap(select: string, rest = ''): void {
    this.layers.push({ select, rest });
  }

  private newColumn(): string {
    return `c${++this.columns}`;
  }

  private show(name: string): void {
    const list = this.statsShown ?? this.shown;
    if (!list.includes(name)) list.push(name);
  }

  private orderSql(): string {
    return this.order.flatMap((o) => sortTerms(o.t, o.desc)).join(', ');
  }

  private markMatched(): void {
    this.matchedLayers ??= this.layers.length;
  }

  run(): void {
    const cmds = this.query.commands;
    cmds.forEach((c, i) => {
      if (c.kind === 'dedup') {
        const bad = cmds.slice(i + 1).find((d) => d.kind !== 'limit');
        if (bad) throw queryError(this.query.source, bad.span.start, `only "limit" may follow "dedup", found "${bad.kind}"`);
      }
      this.command(c);
    });
  }

  private command(c: Command): void {
    switch (c.kind) {
      case 'fields': return this.fields(c.items);
      case 'display': this.display = c.items; return;
      case 'filter': this.wrap('*', ` WHERE ${asBool(compileExpr(c.cond, this.ctx))}`); return;
      case 'stats': return this.stats(c.items, c.by);
      case 'sort': this.order = c.keys.map((k) => ({ t: compileExpr(k.expr, this.ctx), desc: k.desc })); return;
      case 'limit':
        this.markMatched();
        this.wrap('*', `${this.order.length ? ` ORDER BY ${this.orderSql()}` : ''} LIMIT ${c.count}`);
        this.limited = true;
        return;
      case 'parse': return this.parse(c);
      case 'dedup': return this.dedup(c.fields.map((f) => this.lookup(f.name)));
    }
  }

  private fields(items: readonly Projection[]): void {
    if (!this.statsShown) this.hasFields = true;
    for (const p of items) {
      const t = compileExpr(p.expr, this.ctx);
      const name = fieldName(p);
      if (p.expr.kind === 'field' || t.type === 'null') this.overlay.set(name, t);
      else {
        const col = this.newColumn();
        this.wrap(`*, ${t.sql} AS ${col}`);
        this.overlay.set(name, { sql: col, type: t.type });
      }
      this.show(name);
    }
  }

  private stats(items: readonly Projection[], by: readonly Projection[]): void {
    this.markMatched();
    const ts = this.lookup('@timestamp');
    const statsCtx: ExprContext = { ...this.ctx, stats: { timestamp: ts.type === 'time' ? ts : undefined } };
    const keys = by.map((p) => {
      if (hasAggregate(p.expr)) throw queryError(this.query.source, p.expr.span.start, `cannot group by a stats function: "${p.text}"`);
      return { name: fieldName(p), t: compileExpr(p.expr, this.ctx) };
    });
    const values = items.map((p) => {
      if (!hasAggregate(p.expr)) {
        throw queryError(this.query.source, p.expr.span.start, `expected a stats function such as count(*), sum(field) or avg(field), found "${p.text}"`);
      }
      return { name: fieldName(p), t: compileExpr(p.expr, statsCtx) };
    });
    const all = [...keys, ...values].map((x) => ({ ...x, col: this.newColumn() }));
    const groupBy = keys.length ? ` GROUP BY ${keys.map((_, i) => i + 1).join(', ')}` : '';
    this.wrap(all.map((x) => `${x.t.type === 'null' ? 'NULL' : x.t.sql} AS ${x.col}`).join(', '), groupBy);
    this.base = undefined;
    this.overlay.clear();
    for (const x of all) this.overlay.set(x.name, { sql: x.col, type: x.t.type });
    this.statsShown = [];
    for (const x of all) this.show(x.name);
    this.order = all.slice(0, keys.length).map((x) => ({ t: { sql: x.col, type: x.t.type }, desc: false }));
  }

  private parse(c: Extract<Command, { kind: 'parse' }>): void {
    const s = asString(compileExpr(c.source, this.ctx));
    let pattern: string;
    let names: (string | undefined)[];
    if (c.pattern.kind === 'glob') {
      pattern = globToRe2(c.pattern.text);
      names = c.names.map((n) => n.name);
      this.regexes.push({ pattern, offset: c.pattern.span.start });
    } else {
      const r = toRe2(c.pattern.source);
      if (typeof r === 'string') throw queryError(this.query.source, c.pattern.span.start, `invalid regular expression: ${r}`);
      regexSql(c.pattern.source, c.pattern.span.start, this.ctx);
      pattern = r.pattern;
      names = r.captures.map((g) => g.name);
    }
    const col = this.newColumn();
    const re = sqlString(pattern);
    const groups = names.map((_, i) => `'g${i + 1}'`).join(', ');
    this.wrap(`*, CASE WHEN regexp_matches(${s}, ${re}) THEN regexp_extract(${s}, ${re}, [${groups}]) END AS ${col}`);
    names.forEach((name, i) => {
      if (name === undefined) return;
      this.overlay.set(name, { sql: `struct_extract(${col}, 'g${i + 1}')`, type: 'string' });
      this.show(name);
    });
  }

  private dedup(keys: Typed[]): void {
    this.markMatched();
    // Events without one of the fields are never duplicates.
    if (keys.some((k) => k.type === 'null')) return;
    const order = this.order.length ? ` ORDER BY ${this.orderSql()}` : '';
    const nulls = keys.map((k) => ` OR ${k.sql} IS NULL`).join('');
    this.wrap('*', ` QUALIFY row_number() OVER (PARTITION BY ${keys.map((k) => k.sql).join(', ')}${order}) = 1${nulls}`);
  }

  private relation(layers: number): string {
    const where = this.src.where?.length ? ` WHERE ${this.src.where.map((w) => `(${w})`).join(' AND ')}` : '';
    let rel = `(SELECT ${this.baseColumns.join(', ') || '1 AS b'} FROM ${this.src.relation}${where}) AS t0`;
    this.layers.slice(0, layers).forEach((l, i) => { rel = `(SELECT ${l.select} FROM ${rel}${l.rest}) AS t${i + 1}`; });
    return rel;
  }

  finish(opts: CompileOptions): CompiledQuery {
    let outs: { name: string; t: Typed }[];
    if (this.display) outs = this.display.map((p) => ({ name: fieldName(p), t: compileExpr(p.expr, this.ctx) }));
    else {
      const names = this.statsShown ?? (this.hasFields ? this.shown : ['@timestamp', '@message', ...this.shown]);
      outs = [...new Set(names)].map((name) => ({ name, t: this.lookup(name) }));
    }
    const byName = new Map<string, { name: string; t: Typed }>();
    for (const o of outs) byName.set(o.name, o);
    outs = [...byName.values()];
    const order = this.order.length ? ` ORDER BY ${this.orderSql()}` : '';
    const limit = this.limited ? '' : ` LIMIT ${opts.limit ?? DEFAULT_LIMIT}`;
    const select = outs.map((o, i) => `${o.t.type === 'bool' ? `CAST(${o.t.sql} AS INTEGER)` : o.t.type === 'null' ? 'NULL' : o.t.sql} AS o${i}`);
    const message = this.src.fields.get('@message')!.sql;
    const where = this.src.where?.length ? ` WHERE ${this.src.where.map((w) => `(${w})`).join(' AND ')}` : '';
    return {
      sql: `SELECT ${select.join(', ') || 'NULL AS o0'} FROM ${this.relation(this.layers.length)}${order}${limit}`,
      fields: outs.map((o) => ({ name: o.name, type: o.t.type === 'bool' ? 'number' : o.t.type })),
      statisticsSql: `SELECT s.scanned, s.bytes, (SELECT count(*) FROM ${this.relation(this.matchedLayers ?? this.layers.length)}) AS matched `
        + `FROM (SELECT count(*) AS scanned, coalesce(sum(strlen(${message})), 0) AS bytes FROM ${this.src.relation}${where}) AS s`,
      regexes: this.regexes,
    };
  }
}

/** Compiles a query (text or parsed) over a source; throws InsightsQueryError for mistakes in the query. */
export function compileQuery(query: Query | string, source: Source, opts: CompileOptions = {}): CompiledQuery {
  const q = typeof query === 'string' ? parseQuery(query) : query;
  const p = new Pipeline(q, source);
  p.run();
  return p.finish(opts);
}

