/** Reading a filter pattern left to right, with errors that point at a column. */
import { PatternSyntaxError } from './errors.ts';

export class Scanner {
  pos: number;

  constructor(readonly text: string, start = 0, readonly end = text.length) {
    this.pos = start;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  peek(offset = 0): string {
    const i = this.pos + offset;
    return i < this.end ? this.text[i]! : '';
  }

  startsWith(s: string): boolean {
    return this.text.startsWith(s, this.pos) && this.pos + s.length <= this.end;
  }

  skipSpace(): void {
    while (this.pos < this.end && isSpace(this.text[this.pos]!)) this.pos++;
  }

  /** Consumes `s` if it comes next (after blanks). */
  eat(s: string): boolean {
    this.skipSpace();
    if (!this.startsWith(s)) return false;
    this.pos += s.length;
    return true;
  }

  expect(s: string, what = `"${s}"`): void {
    if (!this.eat(s)) this.fail(what);
  }

  /** What is at `at`, for messages: the next character or word, or the end. */
  found(at = this.pos): string {
    if (at >= this.end) return 'the end of the pattern';
    const m = /^[A-Za-z0-9_]+/.exec(this.text.slice(at, Math.min(this.end, at + 40)));
    return JSON.stringify(m ? m[0] : this.text[at]!);
  }

  fail(expected: string, at = this.pos): never {
    throw new PatternSyntaxError(this.text, at + 1, expected, this.found(at));
  }

  /**
   * A double-quoted string starting here: backslash escapes the next character.
   * Returns its content; the scanner moves past the closing quote.
   */
  quoted(): string {
    const open = this.pos;
    this.pos++;
    let out = '';
    while (this.pos < this.end) {
      const c = this.text[this.pos]!;
      if (c === '\\' && this.pos + 1 < this.end) {
        out += this.text[this.pos + 1];
        this.pos += 2;
        continue;
      }
      if (c === '"') {
        this.pos++;
        return out;
      }
      out += c;
      this.pos++;
    }
    return this.fail('a closing double quote for the one at column ' + (open + 1), this.end);
  }

  /** A `%regex%` starting here; returns the text between the percent signs. */
  percent(): string {
    const open = this.pos;
    const close = this.text.indexOf('%', open + 1);
    if (close < 0 || close >= this.end) this.fail(`a closing % for the regular expression at column ${open + 1}`, this.end);
    this.pos = close + 1;
    return this.text.slice(open + 1, close);
  }
}

export function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}
