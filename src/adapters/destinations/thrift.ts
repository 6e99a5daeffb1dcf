/**
 * Thrift's compact protocol, writing only: the little Parquet needs for page
 * headers and the file footer (structs, lists, i32/i64, binary, bool).
 */
const STOP = 0, TRUE = 1, FALSE = 2, I32 = 5, I64 = 6, BINARY = 8, LIST = 9, STRUCT = 12;

export class ThriftWriter {
  private buf = Buffer.allocUnsafe(256);
  private pos = 0;
  /** Last field id of each open struct. */
  private readonly last: number[] = [0];

  get length(): number {
    return this.pos;
  }

  /** The bytes written so far (a view: copy it before writing more). */
  bytes(): Buffer {
    return this.buf.subarray(0, this.pos);
  }

  reset(): void {
    this.pos = 0;
    this.last.length = 1;
    this.last[0] = 0;
  }

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const b = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(b, 0, 0, this.pos);
    this.buf = b;
  }

  private byte(b: number): void {
    this.room(1);
    this.buf[this.pos++] = b;
  }

  /** Unsigned varint of a non-negative integer up to 2^53. */
  private varint(n: number): void {
    this.room(10);
    while (n >= 0x80) {
      this.buf[this.pos++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    this.buf[this.pos++] = n;
  }

  private zigzag(n: number): void {
    this.varint(n >= 0 ? n * 2 : -n * 2 - 1);
  }

  private field(id: number, type: number): void {
    const top = this.last.length - 1;
    const delta = id - this.last[top]!;
    if (delta > 0 && delta <= 15) this.byte((delta << 4) | type);
    else {
      this.byte(type);
      this.zigzag(id);
    }
    this.last[top] = id;
  }

  i32(id: number, v: number): void {
    this.field(id, I32);
    this.zigzag(v);
  }

  i64(id: number, v: number): void {
    this.field(id, I64);
    this.zigzag(v);
  }

  bool(id: number, v: boolean): void {
    this.field(id, v ? TRUE : FALSE);
  }

  string(id: number, s: string): void {
    this.field(id, BINARY);
    const n = Buffer.byteLength(s, 'utf8');
    this.varint(n);
    this.room(n);
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }

  /** A struct field: `body` writes its fields. */
  struct(id: number, body: () => void): void {
    this.field(id, STRUCT);
    this.inner(body);
  }

  /** A list of structs. */
  structList<T>(id: number, items: readonly T[], body: (item: T) => void): void {
    this.listHeader(id, items.length, STRUCT);
    for (const item of items) this.inner(() => body(item));
  }

  i32List(id: number, items: readonly number[]): void {
    this.listHeader(id, items.length, I32);
    for (const v of items) this.zigzag(v);
  }

  stringList(id: number, items: readonly string[]): void {
    this.listHeader(id, items.length, BINARY);
    for (const s of items) {
      const n = Buffer.byteLength(s, 'utf8');
      this.varint(n);
      this.room(n);
      this.pos += this.buf.write(s, this.pos, 'utf8');
    }
  }

  /** A top-level struct (a page header, the footer): its fields, then its stop byte. */
  message(body: () => void): void {
    this.inner(body);
  }

  private inner(body: () => void): void {
    this.last.push(0);
    body();
    this.byte(STOP);
    this.last.pop();
  }

  private listHeader(id: number, size: number, type: number): void {
    this.field(id, LIST);
    if (size < 15) this.byte((size << 4) | type);
    else {
      this.byte(0xf0 | type);
      this.varint(size);
    }
  }
}
