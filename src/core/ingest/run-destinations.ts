/**
 * The record formats of a `vpcflow run` folder's CloudWatch Logs and Firehose
 * deliveries, from its resources.json. Those deliveries carry no header line,
 * so without this every record would have to be in AWS's default format.
 *
 * A CloudWatch stream is named after an interface (`eni-…-all`), and every
 * flow log on that interface, its subnet or its VPC that delivers to the log
 * group writes into it; the candidates are those flow logs. A Firehose
 * delivery stream's file mixes every flow log delivering to it.
 */
import type { CandidateFormat, Candidates } from './choose-format.ts';
import { formatKey, parseFormatOption, type Format } from './format.ts';

interface FlowLogEntry {
  id: string;
  resourceType: string;
  resourceId: string;
  format: Format;
}

interface Iface { subnetId?: string; vpcId?: string }

export interface RunDestinations {
  cloudWatch(group: string, stream: string): Candidates | undefined;
  firehose(name: string): Candidates | undefined;
  /** Flow logs left out (a format that cannot be read); the file is named by the caller. */
  problems: string[];
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

function groupOf(e: Record<string, unknown>): string | undefined {
  const name = str(e.logGroupName);
  if (name) return name;
  const m = /^arn:[^:]+:logs:[^:]*:[^:]*:log-group:(.+?)(?::\*)?$/.exec(str(e.logDestination) ?? '');
  return m?.[1];
}

function deliveryStreamOf(e: Record<string, unknown>): string | undefined {
  return /^arn:[^:]+:firehose:[^:]*:[^:]*:deliverystream[/:](.+)$/.exec(str(e.logDestination) ?? '')?.[1];
}

/** Flow logs grouped by format, in the order of the first flow log of each. */
function byFormat(where: string, fls: readonly FlowLogEntry[]): Candidates {
  const formats = new Map<string, { format: Format; flowLogIds: string[] }>();
  for (const fl of fls) {
    const k = formatKey(fl.format);
    const c = formats.get(k) ?? { format: fl.format, flowLogIds: [] };
    c.flowLogIds.push(fl.id);
    formats.set(k, c);
  }
  return { where, formats: [...formats.values()] as CandidateFormat[] };
}

/** The interface a CloudWatch stream belongs to: vpcflow and AWS name them `<eni>-all`. */
const streamInterface = (stream: string): string => stream.replace(/-all$/, '');

export function runDestinations(resources: unknown): RunDestinations {
  const list = (resources as { resources?: unknown })?.resources;
  const entries = Array.isArray(list) ? (list.filter((e) => e && typeof e === 'object') as Record<string, unknown>[]) : [];
  const problems: string[] = [];
  const toGroup = new Map<string, FlowLogEntry[]>();
  const toStream = new Map<string, FlowLogEntry[]>();
  const ifaces = new Map<string, Iface>();
  const addIface = (id: unknown, d: Record<string, unknown>) => {
    if (typeof id === 'string') ifaces.set(id, { subnetId: str(d.subnetId), vpcId: str(d.vpcId) });
  };
  for (const e of entries) {
    if (Array.isArray(e.interfaces)) for (const i of e.interfaces as Record<string, unknown>[]) addIface(i?.networkInterfaceId, i ?? {});
    if (e.type === 'AWS::EC2::NetworkInterface') addIface(e.physicalId, e);
    if (e.type !== 'AWS::EC2::FlowLog' || typeof e.physicalId !== 'string') continue;
    const kind = e.logDestinationType;
    const place = kind === 'cloud-watch-logs' ? groupOf(e) : kind === 'kinesis-data-firehose' ? deliveryStreamOf(e) : undefined;
    if (place === undefined) continue;
    let format: Format;
    try {
      format = parseFormatOption(String(e.logFormat ?? ''));
    } catch (err) {
      problems.push(`flow log ${e.physicalId}: its logFormat cannot be read (${(err as Error).message}); its records are not told apart from the others'`);
      continue;
    }
    const fl: FlowLogEntry = { id: e.physicalId, resourceType: String(e.resourceType ?? ''), resourceId: String(e.resourceId ?? ''), format };
    const into = kind === 'cloud-watch-logs' ? toGroup : toStream;
    into.set(place, [...(into.get(place) ?? []), fl]);
  }
  const covers = (fl: FlowLogEntry, eni: string): boolean => {
    const i = ifaces.get(eni);
    switch (fl.resourceType) {
      case 'NetworkInterface': return fl.resourceId === eni;
      case 'Subnet': return fl.resourceId === i?.subnetId;
      case 'VPC': return fl.resourceId === i?.vpcId;
      default: return false;
    }
  };
  return {
    problems,
    cloudWatch(group, stream) {
      const fls = toGroup.get(group);
      if (!fls) return undefined;
      const eni = streamInterface(stream);
      // An interface the listing does not describe, or one no flow log seems to cover, keeps every flow log of the group.
      const covering = ifaces.has(eni) ? fls.filter((fl) => covers(fl, eni)) : [];
      return byFormat(`log group ${group}`, covering.length ? covering : fls);
    },
    firehose(name) {
      const fls = toStream.get(name);
      return fls ? byFormat(`delivery stream ${name}`, fls) : undefined;
    },
  };
}
