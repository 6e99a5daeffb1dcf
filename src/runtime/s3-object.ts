/**
 * The bytes of one S3 flow log object, as `vpcflow run` writes them: gzip
 * text with a header line of the format's field names, or Parquet with AWS's
 * column names and types.
 */
import { gzipBytes } from '../adapters/destinations/gzip.ts';
import { parquetBuilder, parquetBytes } from '../adapters/destinations/parquet.ts';
import type { EmittedRecord } from '../core/flows/emitted.ts';
import { formatHeader, parseLogFormat } from '../core/flows/fields.ts';
import type { FlowLog } from '../core/model/types.ts';

export async function s3ObjectBytes(fl: FlowLog, records: readonly EmittedRecord[]): Promise<Buffer> {
  const fields = parseLogFormat(fl.logFormat);
  if (fl.fileFormat === 'parquet') {
    const b = parquetBuilder(fields);
    for (const r of records) b.add(r.values);
    return parquetBytes(b);
  }
  let text = `${formatHeader(fields)}\n`;
  for (const r of records) text += `${r.line}\n`;
  // The run's gzip (level 6, the same header bytes on every platform): the same records make the same object.
  return gzipBytes(Buffer.from(text, 'utf8'));
}
