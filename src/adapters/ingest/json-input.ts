/**
 * JSON inputs: CloudWatch Logs subscription payloads (plain, gzip, or inside a
 * Lambda event's base64 `awslogs.data`; several concatenated as Firehose
 * writes them), get-log-events / filter-log-events output, `{"message": …}`
 * lines, and rows keyed by field names. A file whose first line is a whole
 * JSON value is read line by line (streaming); otherwise as a document.
 */
import { gunzipSync } from 'node:zlib';
import { fieldForColumn, athenaType } from '../../core/ingest/columns.ts';
import { interpretJson, type JsonItem } from '../../core/ingest/cloudwatch-json.ts';
import { formatPicker, type Candidates, type Pick } from '../../core/ingest/choose-format.ts';
import type { Format } from '../../core/ingest/format.ts';
import { splitJsonValues } from '../../core/ingest/json-values.ts';
import { pathContext } from '../../core/ingest/path-context.ts';
import type { Skipped, Warning } from '../../core/ingest/report.ts';
import { firstLine } from '../../core/ingest/sniff.ts';
import type { EventBatch } from './events.ts';
import { numberedLines } from './lines.ts';
import { ReadError, type InputFile } from './reader.ts';

export interface JsonContext {
  file: string;
  sourceFile: string;
  batch: EventBatch;
  /** The format of messages (from --format, or AWS's default), and the hint that ends field-count errors. */
  format: Format;
  formatHint: string;
  /**
   * The formats of the flow logs delivering to the file's own log group and
   * stream (from a run folder's resources.json): its events are read in these
   * instead of `format`, each in the one it fits.
   */
  candidates?: Candidates;
}

export interface JsonOutcome { kind: string; events: number; skipped: Skipped[]; warnings: Warning[] }

/** `{"timestamp":N,"ingestionTime":N,"message":"…"}` with no escapes in the message, as `vpcflow run` writes each event. */
const RUN_EVENT = /^\{"timestamp":(\d{1,15}),"ingestionTime":(\d{1,15}),"message":"([^"\\\u0000-\u001f]*)"\}$/;

const NULL_TEXT = new Set(['', '-', 'None', 'none', 'null', 'NULL', 'NaN', 'nan']);

class JsonReader {
  readonly out: JsonOutcome = { kind: 'cloudwatch-json', events: 0, skipped: [], warnings: [] };
  private controls = 0;
  private rows = 0;
  private nullTexts = 0;
  private readonly defaults;
  private readonly pick: ((message: string) => Pick) | undefined;
  private readonly plain: Pick;

  constructor(private readonly ctx: JsonContext) {
    this.defaults = pathContext(ctx.file);
    this.pick = ctx.candidates ? formatPicker(ctx.candidates) : undefined;
    this.plain = { format: ctx.format };
  }

  private lastOrigin: { group: string | undefined; stream: string | undefined; pick: Pick; id: number } | undefined;
  /** Origins of the file's own group and stream by format and flow log: in a mixed stream consecutive events often differ. */
  private readonly ownOrigins = new Map<Format, Map<string | undefined, number>>();

  /** The batch's origin for a log group, stream and format; consecutive events nearly always share it, so the last one is kept. */
  private originOf(group: string | undefined, stream: string | undefined, pick: Pick): number {
    const last = this.lastOrigin;
    if (last && last.group === group && last.stream === stream && last.pick === pick) return last.id;
    const own = group === this.defaults.logGroup && stream === this.defaults.logStream;
    let byId = own ? this.ownOrigins.get(pick.format) : undefined;
    if (own && !byId) this.ownOrigins.set(pick.format, (byId = new Map()));
    let id = byId?.get(pick.flowLogId);
    if (id === undefined) {
      const meta = { sourceFile: this.ctx.sourceFile, logGroup: group, logStream: stream, flowLogId: pick.flowLogId };
      id = this.ctx.batch.origin(this.ctx.file, meta, pick.format, this.ctx.formatHint);
      byId?.set(pick.flowLogId, id);
    }
    this.lastOrigin = { group, stream, pick, id };
    return id;
  }

  /** How to read a message: the candidates apply to events of the file's own log group and stream only. */
  private pickFor(group: string | undefined, stream: string | undefined, message: string): Pick {
    if (this.pick && group === this.defaults.logGroup && stream === this.defaults.logStream) return this.pick(message);
    return this.plain;
  }

  private addEvent(line: number, loc: string, group: string | undefined, stream: string | undefined, timestamp: number | null, ingestionTime: number | null, message: string): void {
    const pick = this.pickFor(group, stream, message);
    const origin = this.originOf(group, stream, pick);
    this.ctx.batch.add(origin, { line, loc, timestamp, ingestionTime, message, record: message, error: pick.error });
    this.out.events++;
  }

  private skip(line: number, reason: string): void {
    this.out.skipped.push({ file: this.ctx.file, line, reason });
  }

  handle(item: JsonItem, line: number, nested = false): void {
    switch (item.kind) {
      case 'invalid': this.skip(line, item.reason); return;
      case 'control': this.controls++; return;
      case 'awslogs': {
        if (nested) { this.skip(line, 'an awslogs payload inside another'); return; }
        let v: unknown;
        try {
          v = JSON.parse(gunzipSync(Buffer.from(item.data, 'base64')).toString('utf8'));
        } catch (e) {
          this.skip(line, `awslogs.data is not base64 of a gzip'd JSON payload (${(e as Error).message})`);
          return;
        }
        this.handle(interpretJson(v), line, true);
        return;
      }
      case 'row': this.row(item.row, line); return;
      case 'events': {
        item.events.forEach((e, i) => {
          const loc = item.events.length > 1 ? `event ${i + 1} of ${item.events.length} in this payload: ` : '';
          if ('error' in e) { this.skip(line, e.error); return; }
          this.addEvent(line, loc, e.logGroup ?? this.defaults.logGroup, e.logStream ?? this.defaults.logStream, e.timestamp, e.ingestionTime, e.message);
        });
      }
    }
  }

  /** One log event with the file's own log group and stream (from its path). */
  event(line: number, timestamp: number, ingestionTime: number, message: string): void {
    this.addEvent(line, '', this.defaults.logGroup, this.defaults.logStream, timestamp, ingestionTime, message);
  }

  private row(row: Record<string, unknown>, line: number): void {
    const fields: Format[number][] = [];
    const tokens: string[] = [];
    for (const [k, v] of Object.entries(row)) {
      const f = fieldForColumn(k)!;
      if (fields.includes(f)) { this.skip(line, `field ${f.name} appears twice`); return; }
      let tok: string;
      if (v === null || v === undefined) tok = '-';
      else if (typeof v === 'number' || typeof v === 'bigint') tok = String(v);
      else if (typeof v === 'string') {
        if (athenaType(f) !== 'string' && NULL_TEXT.has(v.trim())) {
          if (v !== '-') this.nullTexts++;
          tok = '-';
        } else tok = v;
        if (tok === '' || /\s/.test(tok)) { this.skip(line, `${f.name}: ${JSON.stringify(v)} cannot be a flow log field value`); return; }
      } else { this.skip(line, `${f.name}: a JSON ${typeof v} where a field value was expected`); return; }
      fields.push(f);
      tokens.push(tok);
    }
    const origin = this.ctx.batch.origin(this.ctx.file, { sourceFile: this.ctx.sourceFile }, fields, '');
    this.ctx.batch.add(origin, { line, loc: '', timestamp: null, ingestionTime: null, message: null, record: tokens.join(' ') });
    this.rows++;
    this.out.events++;
  }

  finish(): JsonOutcome {
    if (this.rows > 0 && this.rows >= this.out.events / 2) this.out.kind = 'json-rows';
    if (this.controls) this.out.warnings.push({ file: this.ctx.file, line: null, reason: `${this.controls} CONTROL_MESSAGE payload${this.controls > 1 ? 's' : ''} (CloudWatch's check that the subscription works): no records in ${this.controls > 1 ? 'them' : 'it'}` });
    if (this.nullTexts) this.out.warnings.push({ file: this.ctx.file, line: null, reason: `${this.nullTexts} number field value${this.nullTexts > 1 ? 's' : ''} written as text such as "None" or "" read as missing (AWS writes -)` });
    return this.out;
  }
}

function parse(text: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, reason: `not valid JSON (${(e as Error).message})` };
  }
}

export async function readJson(input: InputFile, ctx: JsonContext): Promise<JsonOutcome> {
  const reader = new JsonReader(ctx);
  const head = (await input.head()).toString('utf8');
  const first = firstLine(head);
  const lineWise = first !== undefined && head.includes('\n') && parse(first).ok;
  if (lineWise) {
    for await (const { no, text } of numberedLines(input)) {
      // The lines `vpcflow run` writes for CloudWatch Logs, read without JSON.parse (a third of the time).
      const m = RUN_EVENT.exec(text);
      if (m) {
        reader.event(no, Number(m[1]), Number(m[2]), m[3]!);
        continue;
      }
      if (text.trim() === '') continue;
      const p = parse(text);
      if (!p.ok) reader.handle({ kind: 'invalid', reason: p.reason }, no);
      else reader.handle(interpretJson(p.value), no);
    }
    return reader.finish();
  }
  const text = (await input.readAll()).toString('utf8');
  const split = splitJsonValues(text);
  if (!split.ok) throw new ReadError(ctx.file, `not valid JSON at line ${split.line}: ${split.reason}`);
  for (const v of split.values) {
    const p = parse(v.text);
    if (!p.ok) reader.handle({ kind: 'invalid', reason: p.reason }, v.line);
    else if (Array.isArray(p.value)) for (const el of p.value) reader.handle(interpretJson(el), v.line);
    else reader.handle(interpretJson(p.value), v.line);
  }
  return reader.finish();
}
