/**
 * The parts a load writes, and its staging files. Parts go straight into
 * `.vpcflow/parts/` under names no manifest lists yet: until the manifest is
 * rewritten they are invisible to readers, and a failed load removes them.
 */
import { renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Format } from '../../core/ingest/format.ts';
import { readParquet, sqlList, sqlString } from '../../core/ingest/sql.ts';
import type { Duck } from '../store/duck.ts';
import type { StoreLayout } from '../store/layout.ts';
import type { PartEntry } from '../store/manifest.ts';
import type { PartKind, PartSink } from './text-load.ts';

export interface NewPart {
  path: string;
  entry: PartEntry;
  fields: Format;
  /** Whether its rows carry `source_line` (log events, JSON rows, Parquet rows; not text read by DuckDB). */
  hasLine: boolean;
  /** Known to have no row any check flags (its writer said so): nothing to read back for warnings. */
  checksClean?: boolean;
}

export class Parts implements PartSink {
  readonly created: NewPart[] = [];
  private n = 0;
  /** Unique to this load: prefixes its part and staging names. */
  readonly id = `${Date.now().toString(36)}${process.pid.toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  constructor(private readonly layout: StoreLayout, private readonly origin: 'run' | 'ingest') {}

  newPart(fields: Format, sources: readonly string[], kind: PartKind): string {
    const name = `${this.origin}-${this.id}-${this.n++}.parquet`;
    const path = join(this.layout.parts, name);
    this.created.push({
      path, fields, hasLine: kind.hasLine,
      entry: { file: `parts/${name}`, origin: this.origin, sources: [...sources], records: 0, fields: fields.map((f) => f.name), events: kind.events },
    });
    return path;
  }

  recordCount(part: string, n: number, checksClean = false): void {
    const p = this.created.find((c) => c.path === part);
    if (p) {
      p.entry.records = n;
      p.checksClean = checksClean;
    }
  }

  staging(ext: string): string {
    return join(this.layout.tmp, `${this.id}-${this.n++}.${ext}`);
  }

  /** Takes the rows of a source out of this load's parts (its file failed after some of it loaded). */
  async dropSource(duck: Duck, sourceFile: string): Promise<void> {
    for (const p of [...this.created]) {
      if (!p.entry.sources.includes(sourceFile)) continue;
      if (p.entry.sources.length === 1) {
        rmSync(p.path, { force: true });
        this.created.splice(this.created.indexOf(p), 1);
        continue;
      }
      const tmp = `${p.path}.tmp`;
      await duck.run(`COPY (SELECT * FROM ${readParquet(p.path)} WHERE source_file NOT IN (SELECT unnest(${sqlList([sourceFile])}))) TO ${sqlString(tmp)} (FORMAT parquet, COMPRESSION snappy)`);
      renameSync(tmp, p.path);
      p.entry.sources = p.entry.sources.filter((s) => s !== sourceFile);
      const count = await duck.query(`SELECT count(*) AS n FROM ${readParquet(p.path)}${p.entry.events ? ' WHERE parse_error IS NULL' : ''}`);
      p.entry.records = Number(count.rows[0]?.n ?? 0);
    }
  }

  removeAll(): void {
    for (const p of this.created) rmSync(p.path, { force: true });
  }
}
