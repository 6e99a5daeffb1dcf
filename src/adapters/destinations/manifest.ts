/** What the sink wrote, for `summary.json`. Paths are relative to the output folder, with `/`. */
import type { LogDestinationType } from '../../core/model/types.ts';

export interface WrittenFile {
  path: string;
  records: number;
  bytes: number;
}

export interface DestinationManifest {
  type: LogDestinationType;
  /** Bucket, log group or delivery stream name. */
  name: string;
  records: number;
  files: WrittenFile[];
}

export interface DeliveryManifest {
  /** Sorted by type, then name; files sorted by path. */
  destinations: DestinationManifest[];
  recordsByType: Record<LogDestinationType, number>;
}

export function buildManifest(entries: ReadonlyArray<{ type: LogDestinationType; name: string; file: WrittenFile }>): DeliveryManifest {
  const byDest = new Map<string, DestinationManifest>();
  const recordsByType: Record<LogDestinationType, number> = { 'cloud-watch-logs': 0, s3: 0, 'kinesis-data-firehose': 0 };
  for (const { type, name, file } of entries) {
    const k = `${type}\0${name}`;
    let d = byDest.get(k);
    if (!d) byDest.set(k, (d = { type, name, records: 0, files: [] }));
    d.files.push(file);
    d.records += file.records;
    recordsByType[type] += file.records;
  }
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  const destinations = [...byDest.values()].sort((a, b) => cmp(a.type, b.type) || cmp(a.name, b.name));
  for (const d of destinations) d.files.sort((a, b) => cmp(a.path, b.path));
  return { destinations, recordsByType };
}
