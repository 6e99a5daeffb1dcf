/**
 * The flow log record fields of versions 2 to 8, in AWS's documented order, with
 * the version that introduced each one and its Parquet/Athena type.
 */
export type FieldType = 'int32' | 'int64' | 'string';

export interface FieldDef {
  readonly name: string;
  readonly version: number;
  readonly type: FieldType;
}

const f = (name: string, version: number, type: FieldType = 'string'): FieldDef => ({ name, version, type });

export const FIELDS: readonly FieldDef[] = [
  f('version', 2, 'int32'), f('account-id', 2), f('interface-id', 2), f('srcaddr', 2), f('dstaddr', 2),
  f('srcport', 2, 'int32'), f('dstport', 2, 'int32'), f('protocol', 2, 'int32'), f('packets', 2, 'int64'),
  f('bytes', 2, 'int64'), f('start', 2, 'int64'), f('end', 2, 'int64'), f('action', 2), f('log-status', 2),
  f('vpc-id', 3), f('subnet-id', 3), f('instance-id', 3), f('tcp-flags', 3, 'int32'), f('type', 3),
  f('pkt-srcaddr', 3), f('pkt-dstaddr', 3),
  f('region', 4), f('az-id', 4), f('sublocation-type', 4), f('sublocation-id', 4),
  f('pkt-src-aws-service', 5), f('pkt-dst-aws-service', 5), f('flow-direction', 5), f('traffic-path', 5, 'int32'),
  f('ecs-cluster-arn', 7), f('ecs-cluster-name', 7), f('ecs-container-instance-arn', 7), f('ecs-container-instance-id', 7),
  f('ecs-container-id', 7), f('ecs-second-container-id', 7), f('ecs-service-name', 7), f('ecs-task-definition-arn', 7),
  f('ecs-task-arn', 7), f('ecs-task-id', 7),
  f('reject-reason', 8),
];

export const FIELD_BY_NAME: ReadonlyMap<string, FieldDef> = new Map(FIELDS.map((d) => [d.name, d]));

export const DEFAULT_FORMAT = FIELDS.filter((d) => d.version === 2).map((d) => `\${${d.name}}`).join(' ');

export class FormatError extends Error {}

/**
 * Parses a `${field} ${field}` format string as CreateFlowLogs validates it:
 * fields separated by single spaces, no leading or trailing space, known names only.
 */
export function parseLogFormat(format: string): FieldDef[] {
  if (typeof format !== 'string' || format.length === 0) throw new FormatError('LogFormat must list at least one field');
  const tokens = format.split(' ');
  const out: FieldDef[] = [];
  const seen = new Set<string>();
  for (const [i, tok] of tokens.entries()) {
    const m = /^\$\{([a-z0-9-]+)\}$/.exec(tok);
    if (!m) {
      const what = tok === '' ? (i === 0 ? 'a leading space' : i === tokens.length - 1 ? 'a trailing space' : 'two spaces in a row') : `"${tok}"`;
      throw new FormatError(`LogFormat '${format}' has an invalid format: expected \${field} tokens separated by single spaces, found ${what}`);
    }
    const def = FIELD_BY_NAME.get(m[1]!);
    if (!def) throw new FormatError(`LogFormat '${format}' has an invalid format: unknown field "${m[1]}"`);
    if (seen.has(def.name)) throw new FormatError(`LogFormat '${format}' has an invalid format: field "${def.name}" appears twice`);
    seen.add(def.name);
    out.push(def);
  }
  return out;
}

/** The `version` value of records in a format: the highest version among its fields (2 for the default). */
export function formatVersion(fields: readonly FieldDef[]): number {
  return fields.reduce((v, d) => Math.max(v, d.version), 2);
}

/** The header line of S3 text objects: the format's field names, space-separated. */
export function formatHeader(fields: readonly FieldDef[]): string {
  return fields.map((d) => d.name).join(' ');
}
