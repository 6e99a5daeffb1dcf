/**
 * A growable byte buffer. Text kept this way lives outside the JavaScript heap
 * (a run buffers hundreds of megabytes of record text; as strings, every young
 * collection copied them).
 */
export class ByteBuffer {
  buf: Buffer;
  /** Bytes in use. */
  pos = 0;

  constructor(size = 1024) {
    this.buf = Buffer.allocUnsafe(size);
  }

  /** Makes room for `n` more bytes. */
  room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const b = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(b, 0, 0, this.pos);
    this.buf = b;
  }

  byte(v: number): void {
    this.room(1);
    this.buf[this.pos++] = v;
  }

  /** Unsigned LEB128 of a non-negative integer up to 2^53. */
  varint(n: number): void {
    this.room(10);
    while (n >= 0x80) {
      this.buf[this.pos++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    this.buf[this.pos++] = n;
  }

  /**
   * Appends a number as String() spells it. Whole numbers up to 2^53 (times
   * in milliseconds, counts) are written digit by digit, without making a
   * string: in 32-bit steps, the low six digits apart from the rest.
   */
  number(v: number): void {
    if (!(v >= 0 && v <= Number.MAX_SAFE_INTEGER && Number.isInteger(v))) {
      this.text(String(v));
      return;
    }
    if (v >= 0x80000000) {
      // high × 10^6 + low exactly: the division may round, the correction puts low back in [0, 10^6).
      let high = Math.floor(v / 1e6), low = v - high * 1e6;
      if (low < 0) { high--; low += 1e6; } else if (low >= 1e6) { high++; low -= 1e6; }
      this.number(high);
      this.digits(low, 6);
      return;
    }
    let n = 1;
    for (let p = 10; p <= v && n < 10; p *= 10) n++;
    this.digits(v, n);
  }

  /** The `n` last decimal digits of `v` (below 2^31), zero-padded. */
  private digits(v: number, n: number): void {
    this.room(n);
    const buf = this.buf;
    for (let i = this.pos + n - 1; i >= this.pos; i--) {
      const q = (v / 10) | 0;
      buf[i] = 0x30 + v - q * 10;
      v = q;
    }
    this.pos += n;
  }

  /** Appends `s` as UTF-8. */
  text(s: string): void {
    this.room(s.length * 3);
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }

  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  /** The bytes in use (a view: valid until the next write). */
  view(): Buffer {
    return this.buf.subarray(0, this.pos);
  }

  clear(): void {
    this.pos = 0;
  }
}
