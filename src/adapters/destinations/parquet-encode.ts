/**
 * Parquet objects written here, without DuckDB: the records' values go
 * straight into dictionary-encoded columns as they arrive (no record text is
 * kept, nothing is parsed back), and each page is gzip-compressed by node:zlib.
 * DuckDB's gzip was what bounded Parquet speed (see bench.ts).
 *
 * The file has AWS's layout for flow logs (the SEKOIA sample's): a root named
 * `schema`, every column OPTIONAL, INT32/INT64 for numbers and UTF8
 * BYTE_ARRAY for strings; per row group and column a PLAIN dictionary page
 * and an RLE_DICTIONARY data page (numbers with many distinct values: one
 * PLAIN data page); levels RLE-encoded. Pages are compressed on zlib's
 * threads while the next ones are encoded. Numbers read `-` as null; strings keep their `-`
 * (AWS's schema default), as DuckDB's writer does here.
 */
import { gzip, gzipSync } from 'node:zlib';
import type { FieldValue } from '../../core/flows/emitted.ts';
import type { FieldDef } from '../../core/flows/fields.ts';
import { grownTo } from '../../core/typed-arrays.ts';
import { stampOs } from './gzip.ts';
import { ThriftWriter } from './thrift.ts';
import { ByteBuffer as Bytes } from './bytes.ts';

/**
 * zlib level of the pages. Dictionary-encoded pages are already small, so level 1
 * gives files only about 9 % larger than level 6 (and still a quarter smaller
 * than DuckDB's gzip) for half the compression time (bench.ts).
 */
export const PARQUET_GZIP_LEVEL = 1;

/** Rows a column holds before it first grows (it doubles after). */
const INITIAL_ROWS = 8192;

/** Rows per row group: DuckDB's default. */
export const ROW_GROUP_ROWS = 122_880;

// Parquet enums.
const INT32 = 1, INT64 = 2, BYTE_ARRAY = 6;
const REQUIRED = 0, OPTIONAL = 1;
const UTF8 = 0;
const PLAIN = 0, RLE = 3, RLE_DICTIONARY = 8;
const GZIP = 2;
const DATA_PAGE = 0, DICTIONARY_PAGE = 2;

const MAGIC = Buffer.from('PAR1', 'latin1');

/**
 * The RLE / bit-packing hybrid encoding of `n` small non-negative integers of
 * `width` bits: runs of 8 or more equal values as RLE runs, the rest bit-packed
 * in groups of 8 (the last group padded with zeros).
 */
function encodeHybrid(values: ArrayLike<number>, n: number, width: number, out: Bytes): void {
  const byteWidth = (width + 7) >> 3;
  const runAt = (i: number): number => {
    const v = values[i]!;
    let j = i + 1;
    while (j < n && values[j] === v) j++;
    return j - i;
  };
  let i = 0;
  while (i < n) {
    const r = runAt(i);
    if (r >= 8) {
      out.varint(r * 2);
      out.room(byteWidth);
      let v = values[i]!;
      for (let k = 0; k < byteWidth; k++) { out.buf[out.pos++] = v & 0xff; v >>>= 8; }
      i += r;
      continue;
    }
    const start = i;
    let groups = 0;
    do { groups++; i += 8; } while (i < n && runAt(i) < 8);
    out.varint(groups * 2 + 1);
    out.room(groups * width);
    let acc = 0, bits = 0;
    const end = start + groups * 8;
    for (let k = start; k < end; k++) {
      const v = k < n ? values[k]! : 0;
      acc |= v << bits;
      bits += width;
      while (bits >= 8) {
        out.buf[out.pos++] = acc & 0xff;
        acc >>>= 8;
        bits -= 8;
      }
      // Widths up to 24 bits keep `acc` within 32 bits (at most 7 + 24 pending bits).
    }
    if (bits > 0) out.buf[out.pos++] = acc & 0xff;
  }
}

const bitWidth = (maxValue: number): number => (maxValue <= 0 ? 1 : 32 - Math.clz32(maxValue));

/** One string column of the row group being built: each row's dictionary index (null is `-`, AWS's default). */
class StringColumn {
  readonly kind = 'string' as const;
  readonly dict = new Map<string, number>();
  readonly entries: string[] = [];
  indexes = new Int32Array(INITIAL_ROWS);
  private last: string | undefined = undefined;
  private lastIndex = -1;
  error: Error | undefined = undefined;

  constructor(readonly name: string) {}

  add(row: number, raw: FieldValue): void {
    const v = raw === null ? '-' : typeof raw === 'string' ? raw : String(raw);
    if (row === this.indexes.length) this.indexes = grownTo(this.indexes);
    if (v === this.last) { this.indexes[row] = this.lastIndex; return; }
    let idx = this.dict.get(v);
    if (idx === undefined) {
      idx = this.entries.length;
      this.dict.set(v, idx);
      this.entries.push(v);
    }
    this.last = v;
    this.lastIndex = idx;
    this.indexes[row] = idx;
  }

  reset(): void {
    this.dict.clear();
    this.entries.length = 0;
    this.last = undefined;
    this.lastIndex = -1;
  }
}

/** One number column of the row group being built: the values, and which rows are null. */
class NumberColumn {
  readonly kind = 'number' as const;
  values: Float64Array = new Float64Array(INITIAL_ROWS);
  present = new Uint8Array(INITIAL_ROWS);
  nulls = 0;
  error: Error | undefined = undefined;

  private readonly int32: boolean;

  constructor(readonly name: string, readonly type: 'int32' | 'int64') {
    this.int32 = type === 'int32';
  }

  add(row: number, raw: FieldValue): void {
    if (row === this.values.length) {
      this.values = grownTo(this.values);
      this.present = grownTo(this.present);
    }
    // The common case first: a number of the column's type.
    if (typeof raw === 'number' && (this.int32 ? (raw | 0) === raw : Number.isSafeInteger(raw))) {
      this.present[row] = 1;
      this.values[row] = raw;
      return;
    }
    let v = raw;
    if (typeof v === 'string') v = v === '-' ? null : Number(v);
    if (v !== null && !(Number.isSafeInteger(v) && (!this.int32 || (v >= -2147483648 && v <= 2147483647)))) {
      // As DuckDB would refuse it: the object is not written (finish throws).
      this.error ??= new Error(`Could not convert ${JSON.stringify(raw)} to ${this.type === 'int32' ? 'INT32' : 'INT64'} (column ${this.name})`);
      v = null;
    }
    if (v === null) {
      this.present[row] = 0;
      this.nulls++;
    } else {
      this.present[row] = 1;
      this.values[row] = v;
    }
  }

  reset(): void {
    this.nulls = 0;
  }

  /** PLAIN encoding of the non-null values of the first `rows` rows. */
  plain(rows: number, out: Bytes): void {
    const { values, present } = this;
    out.room(rows * 8);
    for (let r = 0; r < rows; r++) if (present[r] !== 0) this.put(values[r]!, out);
  }

  /** PLAIN encoding of `count` dictionary entries. */
  plainEntries(entries: Float64Array, count: number, out: Bytes): void {
    out.room(count * 8);
    for (let i = 0; i < count; i++) this.put(entries[i]!, out);
  }

  private put(v: number, out: Bytes): void {
    if (this.type === 'int32') {
      out.buf.writeInt32LE(v, out.pos);
      out.pos += 4;
    } else {
      if (v >= 0) {
        out.buf.writeUInt32LE(v % 4294967296, out.pos);
        out.buf.writeUInt32LE(Math.floor(v / 4294967296), out.pos + 4);
      } else {
        out.buf.writeBigInt64LE(BigInt(v), out.pos);
      }
      out.pos += 8;
    }
  }
}

type Column = StringColumn | NumberColumn;

/** PLAIN encoding of strings: a 4-byte length, then the UTF-8 bytes. */
function plainStrings(values: readonly string[], out: Bytes): void {
  for (const s of values) {
    out.room(4 + s.length * 3);
    const n = out.buf.write(s, out.pos + 4, 'utf8');
    out.buf.writeUInt32LE(n, out.pos);
    out.pos += 4 + n;
  }
}

/** A page encoded, its compressed bytes on the way (zlib's thread pool). */
interface Page { type: number; numValues: number; encoding: number; uncompressedSize: number; z: Promise<Buffer> }

interface Chunk { column: Column; encodings: number[]; numValues: number; dictionary: Page | undefined; data: Page }

interface RowGroup { rows: number; chunks: Chunk[] }

/** Above this share of distinct values among a number column's values, PLAIN beats a dictionary. */
const NUMBER_DICTIONARY_SHARE = 1 / 8;

/** Builds one Parquet object from records' values, a row group at a time. */
export class ParquetBuilder {
  private readonly columns: Column[];
  private rows = 0;
  private totalRows = 0;
  private readonly groups: RowGroup[] = [];
  private readonly scratch = new Bytes(1 << 16);
  private readonly numberDict = new Map<number, number>();
  private numberEntries = new Float64Array(1024);
  private numberIndexes = new Int32Array(1024);

  private readonly strings: StringColumn[] = [];
  private readonly stringAt: number[] = [];
  private readonly numbers: NumberColumn[] = [];
  private readonly numberAt: number[] = [];

  constructor(fields: readonly FieldDef[], columnName: (f: FieldDef) => string) {
    this.columns = fields.map((f, i): Column => {
      if (f.type === 'string') {
        const c = new StringColumn(columnName(f));
        this.strings.push(c);
        this.stringAt.push(i);
        return c;
      }
      const c = new NumberColumn(columnName(f), f.type);
      this.numbers.push(c);
      this.numberAt.push(i);
      return c;
    });
  }

  get records(): number {
    return this.totalRows;
  }

  /** One record's values, in the fields' order. */
  add(values: readonly FieldValue[]): void {
    // One loop per column kind: each call site sees one class.
    const row = this.rows;
    const strings = this.strings, stringAt = this.stringAt, numbers = this.numbers, numberAt = this.numberAt;
    for (let k = 0; k < strings.length; k++) strings[k]!.add(row, values[stringAt[k]!] ?? null);
    for (let k = 0; k < numbers.length; k++) numbers[k]!.add(row, values[numberAt[k]!] ?? null);
    this.rows++;
    this.totalRows++;
    if (this.rows === ROW_GROUP_ROWS) this.finishRowGroup();
  }

  /** The whole file, once every page is compressed; the builder is spent. */
  async finish(createdBy: string): Promise<Buffer[]> {
    for (const c of this.columns) if (c.error) throw c.error;
    if (this.rows > 0 || this.groups.length === 0) this.finishRowGroup();
    const parts: Buffer[] = [MAGIC];
    let size = MAGIC.length;
    const header = new ThriftWriter();
    const metas: { rows: number; offset: number; chunks: { chunk: Chunk; dictionaryOffset: number | undefined; dataOffset: number; uncompressed: number; compressed: number }[] }[] = [];
    const put = async (page: Page): Promise<{ offset: number; uncompressed: number; compressed: number }> => {
      const z = await page.z;
      header.reset();
      header.message(() => {
        header.i32(1, page.type);
        header.i32(2, page.uncompressedSize);
        header.i32(3, z.length);
        if (page.type === DATA_PAGE) {
          header.struct(5, () => { header.i32(1, page.numValues); header.i32(2, page.encoding); header.i32(3, RLE); header.i32(4, RLE); });
        } else {
          header.struct(7, () => { header.i32(1, page.numValues); header.i32(2, page.encoding); header.bool(3, false); });
        }
      });
      const h = Buffer.from(header.bytes());
      const offset = size;
      parts.push(h, z);
      size += h.length + z.length;
      return { offset, uncompressed: h.length + page.uncompressedSize, compressed: h.length + z.length };
    };
    for (const g of this.groups) {
      const meta = { rows: g.rows, offset: size, chunks: [] as (typeof metas)[number]['chunks'] };
      for (const ch of g.chunks) {
        const d = ch.dictionary ? await put(ch.dictionary) : undefined;
        const p = await put(ch.data);
        meta.chunks.push({
          chunk: ch, dictionaryOffset: d?.offset, dataOffset: p.offset,
          uncompressed: (d?.uncompressed ?? 0) + p.uncompressed, compressed: (d?.compressed ?? 0) + p.compressed,
        });
      }
      metas.push(meta);
    }
    const t = header;
    t.reset();
    t.message(() => {
      t.i32(1, 1);
      const schema: { name: string; type?: number; converted?: number; children?: number; repetition: number }[] = [
        { name: 'schema', children: this.columns.length, repetition: REQUIRED },
        ...this.columns.map((c) => ({ name: c.name, type: physical(typeOf(c)), converted: c.kind === 'string' ? UTF8 : undefined, repetition: OPTIONAL })),
      ];
      t.structList(2, schema, (e) => {
        if (e.type !== undefined) t.i32(1, e.type);
        t.i32(3, e.repetition);
        t.string(4, e.name);
        if (e.children !== undefined) t.i32(5, e.children);
        if (e.converted !== undefined) {
          t.i32(6, e.converted);
          t.struct(10, () => t.struct(1, () => undefined)); // LogicalType STRING
        }
      });
      t.i64(3, this.totalRows);
      t.structList(4, metas, (g) => {
        t.structList(1, g.chunks, (m) => {
          t.i64(2, m.dictionaryOffset ?? m.dataOffset);
          t.struct(3, () => {
            t.i32(1, physical(typeOf(m.chunk.column)));
            t.i32List(2, m.chunk.encodings);
            t.stringList(3, [m.chunk.column.name]);
            t.i32(4, GZIP);
            t.i64(5, m.chunk.numValues);
            t.i64(6, m.uncompressed);
            t.i64(7, m.compressed);
            t.i64(9, m.dataOffset);
            if (m.dictionaryOffset !== undefined) t.i64(11, m.dictionaryOffset);
          });
        });
        t.i64(2, g.chunks.reduce((n, m) => n + m.uncompressed, 0));
        t.i64(3, g.rows);
        t.i64(5, g.offset);
        t.i64(6, g.chunks.reduce((n, m) => n + m.compressed, 0));
      });
      t.string(6, createdBy);
    });
    const footer = Buffer.from(t.bytes());
    const tail = Buffer.allocUnsafe(8);
    tail.writeUInt32LE(footer.length, 0);
    MAGIC.copy(tail, 4);
    parts.push(footer, tail);
    return parts;
  }

  /** Encodes the row group's pages and sets their compression going. */
  private finishRowGroup(): void {
    const rows = this.rows;
    const group: RowGroup = { rows, chunks: [] };
    for (const col of this.columns) group.chunks.push(this.chunk(col, rows));
    this.groups.push(group);
    for (const col of this.columns) col.reset();
    this.rows = 0;
  }

  /**
   * One column chunk: a PLAIN dictionary page and an RLE_DICTIONARY data page,
   * or, for numbers with many distinct values, one PLAIN data page.
   */
  private chunk(col: Column, rows: number): Chunk {
    const b = this.scratch;
    let dictionary: Page | undefined;
    let indexes: Int32Array | undefined;
    let distinct = 0;
    if (col.kind === 'string') {
      b.pos = 0;
      plainStrings(col.entries, b);
      distinct = col.entries.length;
      dictionary = page(DICTIONARY_PAGE, b.view(), distinct, PLAIN);
      indexes = col.indexes;
    } else if ((distinct = this.numberDictionary(col, rows)) > 0) {
      b.pos = 0;
      col.plainEntries(this.numberEntries, distinct, b);
      dictionary = page(DICTIONARY_PAGE, b.view(), distinct, PLAIN);
      indexes = this.numberIndexes;
    }
    b.pos = 0;
    // Definition levels (1 present, 0 null): RLE hybrid of width 1, after a 4-byte length.
    const lenAt = b.pos;
    b.room(4);
    b.pos += 4;
    if (col.kind === 'string' || col.nulls === 0) {
      b.varint(rows * 2); // one run of 1s
      b.byte(1);
    } else {
      encodeHybrid(col.present, rows, 1, b);
    }
    b.buf.writeUInt32LE(b.pos - lenAt - 4, lenAt);
    const present = col.kind === 'string' ? rows : rows - col.nulls;
    if (indexes) {
      const width = bitWidth(distinct - 1);
      b.byte(width);
      encodeHybrid(indexes, present, width, b);
    } else {
      (col as NumberColumn).plain(rows, b);
    }
    const data = page(DATA_PAGE, b.view(), rows, indexes ? RLE_DICTIONARY : PLAIN);
    return { column: col, encodings: dictionary ? [RLE_DICTIONARY, PLAIN, RLE] : [PLAIN, RLE], numValues: rows, dictionary, data };
  }

  /**
   * Dictionary-encodes a number column into numberEntries / numberIndexes (the
   * present values' indexes, in row order); returns the entry count, or 0 when
   * the values are too varied for a dictionary to pay.
   */
  private numberDictionary(col: NumberColumn, rows: number): number {
    const limit = Math.max(16, Math.floor((rows - col.nulls) * NUMBER_DICTIONARY_SHARE));
    const dict = this.numberDict;
    dict.clear();
    if (this.numberIndexes.length < rows) this.numberIndexes = new Int32Array(rows);
    if (this.numberEntries.length < limit) this.numberEntries = new Float64Array(limit);
    const { values, present } = col;
    // A first look at up to 1024 values: a column that varies a lot there goes PLAIN without the full pass.
    const sample = Math.min(rows, 1024);
    let changes = 0;
    for (let r = 1; r < sample; r++) if (values[r] !== values[r - 1]) changes++;
    if (changes > sample * NUMBER_DICTIONARY_SHARE * 4) {
      dict.clear();
      for (let r = 0; r < sample; r++) if (present[r] !== 0) dict.set(values[r]!, 0);
      if (dict.size > sample * NUMBER_DICTIONARY_SHARE * 2) return 0;
      dict.clear();
    }
    const entries = this.numberEntries, indexes = this.numberIndexes;
    let k = 0, last = NaN, lastIdx = -1;
    for (let r = 0; r < rows; r++) {
      if (present[r] === 0) continue;
      const v = values[r]!;
      if (v !== last) {
        let idx = dict.get(v);
        if (idx === undefined) {
          if (dict.size === limit) return 0;
          idx = dict.size;
          dict.set(v, idx);
          entries[idx] = v;
        }
        last = v;
        lastIdx = idx;
      }
      indexes[k++] = lastIdx;
    }
    return dict.size;
  }
}

/** A page body (copied out of the scratch buffer) and its compression, started now on zlib's threads. */
function page(type: number, body: Buffer, numValues: number, encoding: number): Page {
  const copy = Buffer.from(body);
  return { type, numValues, encoding, uncompressedSize: copy.length, z: gzipPage(copy) };
}

/** Below this size a page is compressed at once: handing it to a zlib thread costs more than compressing it. */
const ASYNC_GZIP_FROM = 16 * 1024;

/**
 * A page's gzip member. Not gzipBytes: pages are small and many, and its output buffer the size of the input cost
 * more to allocate than zlib's few trips back for room (Parquet ran about 5 % slower with it).
 */
function gzipPage(body: Buffer): Promise<Buffer> {
  if (body.length < ASYNC_GZIP_FROM) return Promise.resolve(stampOs(gzipSync(body, { level: PARQUET_GZIP_LEVEL })));
  return new Promise((resolve, reject) => gzip(body, { level: PARQUET_GZIP_LEVEL }, (err, z) => (err ? reject(err) : resolve(stampOs(z)))));
}

function typeOf(c: Column): 'int32' | 'int64' | 'string' {
  return c.kind === 'string' ? 'string' : c.type;
}

function physical(type: 'int32' | 'int64' | 'string'): number {
  return type === 'int32' ? INT32 : type === 'int64' ? INT64 : BYTE_ARRAY;
}
