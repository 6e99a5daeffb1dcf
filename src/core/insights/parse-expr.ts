/**
 * Expressions: `or` < `and` < `not` < comparisons (`= != < <= > >=`, `like`,
 * `=~`, `in`) < `+ -` < `* / %` < `^` (right-associative) < unary minus.
 */
import type { BinaryOp, Expr, Span } from './ast.ts';
import { queryError } from './errors.ts';
import { lookupFunction } from './functions.ts';
import { parsePeriod, PERIOD_UNITS } from './periods.ts';
import { describeToken, Lexer, type Token } from './lexer.ts';

/** Words that are never field names unless written in backticks. */
export const RESERVED = new Set(['and', 'or', 'not', 'like', 'in', 'as', 'by', 'asc', 'desc']);
const COMPARISONS = new Set(['=', '!=', '<', '<=', '>', '>=']);

const span = (start: number, end: number): Span => ({ start, end });

export class ExprParser {
  protected readonly lex: Lexer;
  /** The last token consumed, for "after X" in messages. */
  protected last: Token | undefined;

  constructor(readonly source: string) {
    this.lex = new Lexer(source);
  }

  protected peek(): Token {
    return this.lex.peek();
  }

  protected next(): Token {
    this.last = this.lex.next();
    return this.last;
  }

  protected fail(at: Token | number, reason: string): never {
    throw queryError(this.source, typeof at === 'number' ? at : at.start, reason);
  }

  protected after(): string {
    if (!this.last) return '';
    return this.last.type === 'str' ? ` after ${describeToken(this.last)}` : ` after "${this.source.slice(this.last.start, this.last.end)}"`;
  }

  /** An unquoted word, compared without case. */
  protected isWord(t: Token, word: string): boolean {
    return t.type === 'ident' && !t.quoted && t.value.toLowerCase() === word;
  }

  protected isOp(t: Token, op: string): boolean {
    return t.type === 'op' && t.value === op;
  }

  protected expectOp(op: string, what = `"${op}"`): Token {
    const t = this.peek();
    if (!this.isOp(t, op)) this.fail(t, `expected ${what}${this.after()}, found ${describeToken(t)}`);
    return this.next();
  }

  /** A field name: an identifier that is not a reserved word, or any `quoted` name. */
  protected fieldName(what: string): Token {
    const t = this.peek();
    if (t.type !== 'ident' || (!t.quoted && RESERVED.has(t.value.toLowerCase()))) {
      this.fail(t, `expected ${what}${this.after()}, found ${describeToken(t)}`);
    }
    return this.next();
  }

  expr(what = 'an expression'): Expr {
    let left = this.andExpr(what);
    while (this.isWord(this.peek(), 'or')) {
      this.next();
      const right = this.andExpr('an expression');
      left = { kind: 'binary', op: 'or', left, right, span: span(left.span.start, right.span.end) };
    }
    return left;
  }

  private andExpr(what: string): Expr {
    let left = this.notExpr(what);
    while (this.isWord(this.peek(), 'and')) {
      this.next();
      const right = this.notExpr('an expression');
      left = { kind: 'binary', op: 'and', left, right, span: span(left.span.start, right.span.end) };
    }
    return left;
  }

  private notExpr(what: string): Expr {
    const t = this.peek();
    if (this.isWord(t, 'not')) {
      this.next();
      const arg = this.notExpr('an expression');
      return { kind: 'not', arg, span: span(t.start, arg.span.end) };
    }
    return this.comparison(what);
  }

  private comparison(what: string): Expr {
    const left = this.additive(what);
    const t = this.peek();
    if (t.type === 'op' && COMPARISONS.has(t.value)) {
      this.next();
      const right = this.additive('an expression');
      return { kind: 'binary', op: t.value as BinaryOp, left, right, span: span(left.span.start, right.span.end) };
    }
    let negated = false;
    if (this.isWord(t, 'not')) {
      this.next();
      negated = true;
    }
    const u = this.peek();
    if (this.isWord(u, 'like') || (!negated && this.isOp(u, '=~'))) {
      this.next();
      const pattern = this.matchPattern(u.value.toLowerCase());
      return { kind: 'match', op: u.value === '=~' ? '=~' : 'like', negated, left, pattern, span: span(left.span.start, pattern.span.end) };
    }
    if (this.isWord(u, 'in')) {
      this.next();
      const { items, end } = this.list();
      return { kind: 'in', negated, left, items, span: span(left.span.start, end) };
    }
    if (negated) this.fail(u, `expected "like" or "in" after "not", found ${describeToken(u)}`);
    return left;
  }

  private matchPattern(op: string): Expr {
    const t = this.peek();
    if (t.type === 'str') {
      this.next();
      return { kind: 'str', value: t.value, span: span(t.start, t.end) };
    }
    if (this.isOp(t, '/')) {
      const r = this.lex.regexAt(t);
      this.last = r;
      return { kind: 'regex', source: r.value, span: span(r.start, r.end) };
    }
    return this.fail(t, `expected a string or a /regular expression/ after "${op}", found ${describeToken(t)}`);
  }

  private list(): { items: Expr[]; end: number } {
    this.expectOp('[', 'a list in square brackets');
    const items: Expr[] = [];
    if (!this.isOp(this.peek(), ']')) {
      do {
        if (items.length) this.next();
        items.push(this.additive('a value'));
      } while (this.isOp(this.peek(), ','));
    }
    const close = this.expectOp(']', '"," or "]"');
    return { items, end: close.end };
  }

  private additive(what: string): Expr {
    let left = this.multiplicative(what);
    for (let t = this.peek(); this.isOp(t, '+') || this.isOp(t, '-'); t = this.peek()) {
      this.next();
      const right = this.multiplicative('an expression');
      left = { kind: 'binary', op: t.value as BinaryOp, left, right, span: span(left.span.start, right.span.end) };
    }
    return left;
  }

  private multiplicative(what: string): Expr {
    let left = this.power(what);
    for (let t = this.peek(); this.isOp(t, '*') || this.isOp(t, '/') || this.isOp(t, '%'); t = this.peek()) {
      this.next();
      const right = this.power('an expression');
      left = { kind: 'binary', op: t.value as BinaryOp, left, right, span: span(left.span.start, right.span.end) };
    }
    return left;
  }

  private power(what: string): Expr {
    const left = this.unary(what);
    if (!this.isOp(this.peek(), '^')) return left;
    this.next();
    const right = this.power('an expression');
    return { kind: 'binary', op: '^', left, right, span: span(left.span.start, right.span.end) };
  }

  private unary(what: string): Expr {
    const t = this.peek();
    if (this.isOp(t, '-')) {
      this.next();
      const arg = this.unary('an expression');
      return { kind: 'neg', arg, span: span(t.start, arg.span.end) };
    }
    return this.primary(what);
  }

  private primary(what: string): Expr {
    const t = this.peek();
    switch (t.type) {
      case 'num':
        this.next();
        return { kind: 'num', value: Number(t.value), text: t.value, span: span(t.start, t.end) };
      case 'str':
        this.next();
        return { kind: 'str', value: t.value, span: span(t.start, t.end) };
      case 'period':
        if (!parsePeriod(t.value)) this.fail(t, `invalid time period "${t.value}": expected a whole number and one of ${PERIOD_UNITS.join(', ')}`);
        this.next();
        return { kind: 'period', text: t.value, span: span(t.start, t.end) };
      case 'op':
        if (t.value === '(') {
          this.next();
          const inner = this.expr();
          const close = this.expectOp(')', '")"');
          return { ...inner, span: span(t.start, close.end) } as Expr;
        }
        if (t.value === '/') {
          const r = this.lex.regexAt(t);
          this.last = r;
          return { kind: 'regex', source: r.value, span: span(r.start, r.end) };
        }
        break;
      case 'ident':
        if (t.quoted || !RESERVED.has(t.value.toLowerCase())) {
          this.next();
          if (!t.quoted && this.isOp(this.peek(), '(')) return this.call(t);
          return { kind: 'field', name: t.value, span: span(t.start, t.end) };
        }
        break;
      default:
        break;
    }
    return this.fail(t, `expected ${what}${this.after()}, found ${describeToken(t)}`);
  }

  private call(name: Token): Expr {
    const sig = lookupFunction(name.value);
    if (!sig) this.fail(name, `unknown function "${name.value}"`);
    this.next();
    const args: Expr[] = [];
    const p = this.peek();
    if (this.isOp(p, '*') && sig.name === 'count') {
      this.next();
      args.push({ kind: 'star', span: span(p.start, p.end) });
    } else if (!this.isOp(p, ')')) {
      do {
        if (args.length) this.next();
        args.push(this.expr('an argument'));
      } while (this.isOp(this.peek(), ','));
    }
    const close = this.expectOp(')', '"," or ")"');
    const n = args.length;
    if (n < sig.min || n > sig.max) {
      const want = sig.min === sig.max ? `${sig.min}` : sig.max === Number.POSITIVE_INFINITY ? `at least ${sig.min}` : `${sig.min} or ${sig.max}`;
      this.fail(name, `${sig.name}() takes ${want} argument${/^(at least )?1$/.test(want) ? '' : 's'}, found ${n}`);
    }
    return { kind: 'call', name: sig.name, args, span: span(name.start, close.end), nameSpan: span(name.start, name.end) };
  }
}
