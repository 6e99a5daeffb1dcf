/**
 * What a file's path says about the log group and stream of its events:
 * - `vpcflow run` writes `cloudwatch/<log group, URI-encoded>/<stream>.jsonl`;
 * - CreateExportTask writes `<prefix>/<task id>/<log stream>/000000.gz`.
 */
export interface PathContext { logGroup?: string; logStream?: string }

export function pathContext(path: string): PathContext {
  const parts = path.replace(/\\/g, '/').split('/').filter(Boolean);
  const name = parts[parts.length - 1] ?? '';
  const parent = parts[parts.length - 2];
  const grand = parts[parts.length - 3];
  if (parent !== undefined && grand === 'cloudwatch' && name.endsWith('.jsonl')) {
    let group = parent;
    try { group = decodeURIComponent(parent); } catch { /* a name that is not URI-encoded stays as it is */ }
    return { logGroup: group, logStream: name.slice(0, -'.jsonl'.length) };
  }
  if (parent !== undefined && /^\d{6}(\.gz)?$/.test(name)) return { logStream: parent };
  return {};
}
