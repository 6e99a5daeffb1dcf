/**
 * The tokens of the Logs Insights query language, read on demand: a `/` is a
 * division or the start of a regular expression depending on where the parser
 * is, so the parser asks for a regular expression where one may stand.
 */
import { queryError } from './errors.ts';

export type TokenType = 'ident' | 'num' | 'period' | 'str' | 'regex' | 'op' | 'eof';

export interface Token {
  readonly type: TokenType;
  /** Identifier or operator text, string contents, regex source, number or period text. */
  readonly value: string;
  readonly start: number;
  readonly end: number;
  /** An identifier written in backticks (never a keyword). */
  readonly quoted?: boolean;
}

const OPERATORS = ['!=', '<=', '>=', '=~', '|', ',', '(', ')', '[', ']', '=', '<', '>', '+', '-', '*', '/', '^', '%'];
const IDENT_START = /[\p{L}_@]/u;
const IDENT_PART = /[\p{L}\p{N}_@.]/u;
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r' };

export class Lexer {
  private pos = 0;
  private ahead: Token | undefined;

  constructor(readonly source: string) {}

  peek(): Token {
    this.ahead ??= this.scan();
    return this.ahead;
  }

  next(): Token {
    const t = this.peek();
    this.ahead = undefined;
    return t;
  }

  /** Reads a `/regex/` starting at `tok` (a `/` operator just peeked). */
  regexAt(tok: Token): Token {
    let i = tok.start + 1;
    const s = this.source;
    while (i < s.length && s[i] !== '/') {
      if (s[i] === '\\' && i + 1 < s.length) i++;
      i++;
    }
    if (i >= s.length) throw queryError(s, tok.start, 'unterminated regular expression: expected a closing "/"');
    this.ahead = undefined;
    this.pos = i + 1;
    return { type: 'regex', value: s.slice(tok.start + 1, i), start: tok.start, end: i + 1 };
  }

  private skipBlanks(): void {
    const s = this.source;
    while (this.pos < s.length) {
      const c = s[this.pos]!;
      if (c === '#') {
        const nl = s.indexOf('\n', this.pos);
        this.pos = nl < 0 ? s.length : nl + 1;
      } else if (/\s/.test(c)) this.pos++;
      else break;
    }
  }

  private scan(): Token {
    this.skipBlanks();
    const s = this.source;
    const start = this.pos;
    if (start >= s.length) return { type: 'eof', value: '', start, end: start };
    const c = s[start]!;
    if (c === '"' || c === "'") return this.string(c);
    if (c === '`') {
      const close = s.indexOf('`', start + 1);
      if (close < 0) throw queryError(s, start, 'unterminated field name: expected a closing "`"');
      this.pos = close + 1;
      return { type: 'ident', value: s.slice(start + 1, close), start, end: this.pos, quoted: true };
    }
    if (/[0-9]/.test(c)) return this.number();
    if (IDENT_START.test(c)) {
      let i = start + 1;
      while (i < s.length && IDENT_PART.test(s[i]!)) i++;
      this.pos = i;
      return { type: 'ident', value: s.slice(start, i), start, end: i };
    }
    for (const op of OPERATORS) {
      if (s.startsWith(op, start)) {
        this.pos = start + op.length;
        return { type: 'op', value: op, start, end: this.pos };
      }
    }
    throw queryError(s, start, `unexpected character "${c}"`);
  }

  private string(quote: string): Token {
    const s = this.source;
    const start = this.pos;
    let i = start + 1;
    let out = '';
    while (i < s.length && s[i] !== quote) {
      if (s[i] === '\\' && i + 1 < s.length) {
        const e = s[i + 1]!;
        out += ESCAPES[e] ?? e;
        i += 2;
      } else out += s[i++];
    }
    if (i >= s.length) throw queryError(s, start, `unterminated string: expected a closing ${quote}`);
    this.pos = i + 1;
    return { type: 'str', value: out, start, end: this.pos };
  }

  private number(): Token {
    const s = this.source;
    const start = this.pos;
    const m = /^[0-9]+(\.[0-9]+)?/.exec(s.slice(start))!;
    let i = start + m[0].length;
    let type: TokenType = 'num';
    if (i < s.length && /[A-Za-z]/.test(s[i]!)) {
      while (i < s.length && /[A-Za-z]/.test(s[i]!)) i++;
      type = 'period';
    }
    this.pos = i;
    return { type, value: s.slice(start, i), start, end: i };
  }
}

/** How a token is named in error messages. */
export function describeToken(t: Token): string {
  switch (t.type) {
    case 'eof': return 'the end of the query';
    case 'str': return `the string ${JSON.stringify(t.value)}`;
    case 'regex': return `/${t.value}/`;
    case 'ident': return t.quoted ? `\`${t.value}\`` : `"${t.value}"`;
    default: return `"${t.value}"`;
  }
}
