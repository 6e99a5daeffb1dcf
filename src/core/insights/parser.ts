/**
 * Commands separated by `|`: fields, display, filter, stats … by …, sort,
 * limit, parse (glob or regular expression) and dedup. `#` starts a comment.
 */
import { COMMANDS, type Command, type Expr, type Name, type ParsePattern, type Projection, type Query, type SortKey } from './ast.ts';
import { describeToken } from './lexer.ts';
import { ExprParser } from './parse-expr.ts';
import { regexCaptures } from './regex.ts';

/** The largest `limit` AWS accepts (the default, when a query has none, is 10,000). */
export const MAX_LIMIT = 100_000;

class QueryParser extends ExprParser {
  query(): Query {
    const commands: Command[] = [];
    if (this.peek().type === 'eof') this.fail(0, 'empty query: expected a command such as fields, filter or stats');
    for (;;) {
      commands.push(this.command());
      const t = this.peek();
      if (t.type === 'eof') break;
      if (!this.isOp(t, '|')) this.fail(t, `expected "|" or the end of the query${this.after()}, found ${describeToken(t)}`);
      this.next();
    }
    return { source: this.source, commands };
  }

  private command(): Command {
    const t = this.peek();
    const word = t.type === 'ident' && !t.quoted ? t.value.toLowerCase() : '';
    if (!(COMMANDS as readonly string[]).includes(word)) {
      this.fail(t, `expected a command (${COMMANDS.join(', ')})${this.after()}, found ${describeToken(t)}`);
    }
    this.next();
    const start = t.start;
    const end = (): { start: number; end: number } => ({ start, end: this.last!.end });
    switch (word) {
      case 'fields': return { kind: 'fields', items: this.projections('a field or an expression'), span: end() };
      case 'display': return { kind: 'display', items: this.projections('a field name'), span: end() };
      case 'filter': return { kind: 'filter', cond: this.expr('a condition'), span: end() };
      case 'stats': {
        const items = this.projections('an aggregation such as count(*)');
        let by: Projection[] = [];
        if (this.isWord(this.peek(), 'by')) {
          this.next();
          by = this.projections('a field name');
        }
        return { kind: 'stats', items, by, span: end() };
      }
      case 'sort': return { kind: 'sort', keys: this.sortKeys(), span: end() };
      case 'limit': return { kind: 'limit', count: this.limitCount(), span: end() };
      case 'parse': return this.parseCommand(start);
      default: return { kind: 'dedup', fields: this.names('a field name'), span: end() };
    }
  }

  private projections(what: string): Projection[] {
    const out: Projection[] = [];
    do {
      if (out.length) this.next();
      const expr = this.expr(what);
      let alias: string | undefined;
      let endAt = expr.span.end;
      if (this.isWord(this.peek(), 'as')) {
        this.next();
        const a = this.fieldName('a name');
        alias = a.value;
        endAt = a.end;
      }
      out.push({ expr, alias, text: this.source.slice(expr.span.start, expr.span.end), span: { start: expr.span.start, end: endAt } });
    } while (this.isOp(this.peek(), ','));
    return out;
  }

  private sortKeys(): SortKey[] {
    const out: SortKey[] = [];
    do {
      if (out.length) this.next();
      const expr = this.expr('a field name');
      let desc = false;
      let endAt = expr.span.end;
      const t = this.peek();
      if (this.isWord(t, 'asc') || this.isWord(t, 'desc')) {
        this.next();
        desc = t.value.toLowerCase() === 'desc';
        endAt = t.end;
      }
      out.push({ expr, desc, span: { start: expr.span.start, end: endAt } });
    } while (this.isOp(this.peek(), ','));
    return out;
  }

  private limitCount(): number {
    const t = this.peek();
    if (t.type !== 'num' || !/^[0-9]+$/.test(t.value)) this.fail(t, `expected a whole number${this.after()}, found ${describeToken(t)}`);
    const n = Number(t.value);
    if (n < 1 || n > MAX_LIMIT) this.fail(t, `limit must be between 1 and ${MAX_LIMIT}, found ${t.value}`);
    this.next();
    return n;
  }

  private names(what: string): Name[] {
    const out: Name[] = [];
    do {
      if (out.length) this.next();
      const t = this.fieldName(what);
      out.push({ name: t.value, span: { start: t.start, end: t.end } });
    } while (this.isOp(this.peek(), ','));
    return out;
  }

  private parseCommand(start: number): Command {
    let t = this.peek();
    // The field to parse may be left out: it is then @message.
    let source: Expr = { kind: 'field', name: '@message', span: { start: t.start, end: t.start } };
    if (t.type !== 'str' && !this.isOp(t, '/')) {
      const f = this.fieldName('the field to parse');
      source = { kind: 'field', name: f.value, span: { start: f.start, end: f.end } };
    }
    t = this.peek();
    let pattern: ParsePattern;
    let names: Name[];
    if (t.type === 'str') {
      this.next();
      pattern = { kind: 'glob', text: t.value, span: { start: t.start, end: t.end } };
      const stars = t.value.split('*').length - 1;
      if (stars === 0) this.fail(t, 'the parse pattern has no "*" to extract');
      if (!this.isWord(this.peek(), 'as')) this.fail(this.peek(), `expected "as" and ${stars} field name${stars === 1 ? '' : 's'}${this.after()}, found ${describeToken(this.peek())}`);
      this.next();
      names = this.names('a field name');
      if (names.length !== stars) {
        this.fail(names[0]!.span.start, `the parse pattern has ${stars} "*" but ${names.length} field name${names.length === 1 ? '' : 's'} follow "as"`);
      }
    } else if (this.isOp(t, '/')) {
      const r = this.lex.regexAt(t);
      this.last = r;
      pattern = { kind: 'regex', source: r.value, span: { start: r.start, end: r.end } };
      const groups = regexCaptures(r.value);
      if (typeof groups === 'string') this.fail(r.start, `invalid regular expression: ${groups}`);
      names = groups.filter((g) => g.name !== undefined).map((g) => ({ name: g.name!, span: { start: r.start + 1 + g.offset, end: r.start + 1 + g.offset } }));
      if (!names.length) this.fail(r, 'the parse regular expression has no named group such as (?<name>...) to extract');
    } else {
      return this.fail(t, `expected a "glob * pattern" or a /regular expression/${this.after()}, found ${describeToken(t)}`);
    }
    return { kind: 'parse', source, pattern, names, span: { start, end: this.last!.end } };
  }
}

/** Parses a query; throws an InsightsQueryError pointing at the first mistake. */
export function parseQuery(source: string): Query {
  return new QueryParser(source).query();
}
