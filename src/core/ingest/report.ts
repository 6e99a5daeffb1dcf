/** What an ingest reports: what loaded, what could not be read (and why), and what looked wrong. */

/** A line (or Parquet row, or JSON value) that did not load; `line` is null when the whole file failed. */
export interface Skipped { file: string; line: number | null; reason: string }

/** Something that loaded but is not what AWS writes (e.g. ACCEPT on a NODATA record); `line` as above. */
export interface Warning { file: string; line: number | null; reason: string }

export interface FileResult {
  file: string;
  /** How the file was read: s3-text, bare-lines, parquet, cloudwatch-json, cloudwatch-export, json-rows. */
  kind: string;
  records: number;
}

export interface IngestReport {
  records: number;
  skipped: Skipped[];
  warnings: Warning[];
  files: FileResult[];
}

export const emptyReport = (): IngestReport => ({ records: 0, skipped: [], warnings: [], files: [] });

export function mergeReports(into: IngestReport, from: IngestReport): IngestReport {
  into.records += from.records;
  into.skipped.push(...from.skipped);
  into.warnings.push(...from.warnings);
  into.files.push(...from.files);
  return into;
}
