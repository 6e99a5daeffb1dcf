/**
 * `vpcflow query DIR --athena-ddl`: the CREATE TABLE statements for the S3
 * objects in a data folder. For `vpcflow run` folders these are the objects
 * under `s3/<bucket>/<key>`, described from their keys (layout), their header
 * line (text) or their columns (Parquet). For ingest folders, whose only
 * objects vpcflow wrote are the store's Parquet parts, the statement reads
 * those parts once uploaded.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { FieldDef } from '../../core/flows/fields.ts';
import { athenaDdl, partsDdl, type S3Object } from '../../core/ingest/athena-ddl.ts';
import { fieldForColumn } from '../../core/ingest/columns.ts';
import { headerFormat } from '../../core/ingest/format.ts';
import { firstLine, isParquet } from '../../core/ingest/sniff.ts';
import { readParquet } from '../../core/ingest/sql.ts';
import { fieldsOf } from '../ingest/engine.ts';
import { InputFile } from '../ingest/reader.ts';
import { openDuck } from './duck.ts';
import { StoreError } from './errors.ts';
import { storeLayout } from './layout.ts';
import { readManifest } from './manifest.ts';

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

async function describeObjects(s3: string): Promise<S3Object[]> {
  const objects: S3Object[] = [];
  const duck = await openDuck();
  try {
    for (const bucket of readdirSync(s3).sort()) {
      const root = join(s3, bucket);
      if (!statSync(root).isDirectory()) continue;
      for (const file of walk(root)) {
        const key = relative(root, file).split(/[\\/]/).join('/');
        const input = new InputFile(file);
        let head: Buffer;
        try { head = await input.head(4096); } finally { input.close(); }
        if (isParquet(head)) {
          const cols = await duck.query(`DESCRIBE SELECT * FROM ${readParquet(file)}`);
          const format = cols.rows.map((r) => fieldForColumn(String(r.column_name))).filter((f): f is FieldDef => f !== undefined);
          objects.push({ bucket, key, fileFormat: 'parquet', format });
        } else {
          const format = headerFormat(firstLine(head.toString('utf8')) ?? '');
          if (format) objects.push({ bucket, key, fileFormat: 'plain-text', format });
        }
      }
    }
  } finally {
    duck.close();
  }
  return objects;
}

export async function athenaDdlFor(dir: string): Promise<string> {
  const layout = storeLayout(dir);
  if (!existsSync(layout.dir)) throw new StoreError(`no such folder: ${layout.dir}`);
  const out: string[] = [];
  const s3 = join(layout.dir, 's3');
  if (existsSync(s3)) {
    const objects = await describeObjects(s3);
    if (objects.length) out.push(athenaDdl(objects));
  }
  const manifest = existsSync(layout.manifest) ? readManifest(layout.manifest) : undefined;
  const ingested = manifest?.parts.filter((p) => p.origin === 'ingest') ?? [];
  if (ingested.length) {
    const extra = [
      { name: 'log_group', type: 'string' }, { name: 'log_stream', type: 'string' }, { name: 'flow_log_id', type: 'string' },
      { name: 'source_file', type: 'string' },
    ];
    out.push([
      `-- The records ingested into ${layout.dir}, as the Parquet files vpcflow wrote (${ingested.length} in ${layout.parts}).`,
      `-- Upload them, e.g. aws s3 cp ${layout.parts} s3://DOC-EXAMPLE-BUCKET/vpcflow/ --recursive, then:`,
      partsDdl(fieldsOf(ingested), extra, 's3://DOC-EXAMPLE-BUCKET/vpcflow/'),
    ].join('\n'));
  }
  if (!out.length) {
    throw new StoreError(`${layout.dir} holds no S3 objects for Athena: its flow logs deliver to CloudWatch Logs or Firehose, and nothing was ingested into it`);
  }
  return out.join('\n');
}
