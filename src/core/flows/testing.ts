/**
 * Hand-built networks and observations for the flows tests: just the fields
 * aggregation reads, with AWS's documented ids where a test reproduces a record.
 */
import type { Action, Direction, Observation } from '../dataplane/packet.ts';
import { cidr } from '../net/cidr.ts';
import { ip } from '../net/ip.ts';
import { Network } from '../model/network.ts';
import type { FlowLog, NetworkInterface, Subnet, Vpc } from '../model/types.ts';
import { Aggregator, type AggregatorOptions } from './aggregator.ts';
import type { EmittedRecord } from './emitted.ts';
import { DEFAULT_FORMAT } from './fields.ts';

export function testNetwork(account = '123456789010', region = 'us-east-1'): Network {
  return new Network(account, region);
}

export function addVpc(net: Network, id: string, block = '10.0.0.0/16'): Vpc {
  const vpc: Vpc = {
    id, tags: [], cidrs: [cidr(block)], ipv6Cidrs: [], mainRouteTableId: 'rtb-main', defaultNetworkAclId: 'acl-default',
    defaultSecurityGroupId: 'sg-default', enableDnsSupport: true,
  };
  net.vpcs.set(id, vpc);
  net.touch();
  return vpc;
}

export function addSubnet(net: Network, id: string, vpcId: string, azId: string, block = '10.0.0.0/24'): Subnet {
  const subnet: Subnet = {
    id, tags: [], vpcId, cidr: cidr(block), az: 'x', azId, mapPublicIpOnLaunch: false, assignIpv6AddressOnCreation: false,
    networkAclId: 'acl-default', networkAclAssociationId: 'aclassoc-1',
  };
  net.subnets.set(id, subnet);
  net.touch();
  return subnet;
}

export function addEni(net: Network, id: string, subnetId: string, address: string, instanceId?: string): NetworkInterface {
  const subnet = net.subnets.get(subnetId)!;
  const eni: NetworkInterface = {
    id, tags: [], subnetId, vpcId: subnet.vpcId, privateIps: [ip(address)], ipv6Ips: [], groups: [], instanceId,
    interfaceType: instanceId ? 'interface' : 'nat_gateway', requesterManaged: !instanceId, sourceDestCheck: true,
    description: '', connTracking: { tcpEstablished: 432000, udp: 30, udpStream: 180 },
  };
  net.interfaces.set(id, eni);
  net.touch();
  return eni;
}

export interface FlowLogSpec {
  id: string;
  resourceId: string;
  resourceType?: FlowLog['resourceType'];
  trafficType?: FlowLog['trafficType'];
  format?: string;
  interval?: 60 | 600;
  /** Epoch milliseconds. */
  creationTime: number;
}

export function addFlowLog(net: Network, spec: FlowLogSpec): FlowLog {
  const fl: FlowLog = {
    id: spec.id, tags: [], resourceType: spec.resourceType ?? 'NetworkInterface', resourceId: spec.resourceId,
    trafficType: spec.trafficType ?? 'ALL', destinationType: 's3', logDestination: 'arn:aws:s3:::bucket',
    logFormat: spec.format ?? DEFAULT_FORMAT, maxAggregationInterval: spec.interval ?? 600, fileFormat: 'plain-text',
    hiveCompatiblePartitions: false, perHourPartition: false, creationTime: spec.creationTime,
  };
  net.flowLogs.set(fl.id, fl);
  net.touch();
  return fl;
}

export interface ObsSpec {
  time: number;
  src: string;
  dst: string;
  /** Packet-level addresses when they differ from src/dst. */
  pktSrc?: string;
  pktDst?: string;
  sport?: number;
  dport?: number;
  protocol?: number;
  bytes?: number;
  flags?: number;
  direction: Direction;
  action?: Action;
  trafficPath?: number;
}

export function obs(eni: NetworkInterface, s: ObsSpec): Observation {
  return {
    time: s.time, eni, direction: s.direction, action: s.action ?? 'ACCEPT',
    srcaddr: ip(s.src), dstaddr: ip(s.dst), pktSrcaddr: ip(s.pktSrc ?? s.src), pktDstaddr: ip(s.pktDst ?? s.dst),
    srcport: s.sport ?? 0, dstport: s.dport ?? 0, protocol: s.protocol ?? 6, bytes: s.bytes ?? 40, tcpFlags: s.flags ?? 0,
    trafficPath: s.trafficPath,
  };
}

/**
 * `packets` observations of one flow spread from `first` to `last` (seconds),
 * whose sizes add up to `bytes`; `flags` gives the raw TCP flags of packet i.
 */
export function spread(eni: NetworkInterface, base: Omit<ObsSpec, 'time' | 'bytes' | 'flags'>, packets: number, bytes: number,
  first: number, last: number, flags: (i: number) => number = () => 0x10): Observation[] {
  const out: Observation[] = [];
  const each = Math.floor(bytes / packets);
  for (let i = 0; i < packets; i++) {
    const time = packets === 1 ? first : first + ((last - first) * i) / (packets - 1);
    const size = i === packets - 1 ? bytes - each * (packets - 1) : each;
    out.push(obs(eni, { ...base, time, bytes: size, flags: flags(i) }));
  }
  return out;
}

/** Merges observation lists by time (stable), as the data plane would deliver them. */
export function byTime(...lists: Observation[][]): Observation[] {
  return lists.flat().map((o, i) => ({ o, i })).sort((a, b) => a.o.time - b.o.time || a.i - b.i).map((x) => x.o);
}

/** A moment in a driven run (epoch seconds): windows are closed up to it, and the flow log `del`, if any, deleted then. */
export interface DriveEvent { t: number; del?: string | undefined }

/**
 * Runs an aggregator over a time-ordered observation stream, with window
 * closings and flow log deletions interleaved at their times, then flushes
 * at `flushAt` (epoch seconds; undefined flushes every window still open).
 */
export function driveAggregator(net: Network, stream: readonly Observation[], opts: AggregatorOptions, events: readonly DriveEvent[], flushAt: number | undefined): EmittedRecord[] {
  const agg = new Aggregator(net, opts);
  const out: EmittedRecord[] = [];
  const sorted = [...events].sort((a, b) => a.t - b.t);
  const emit = (r: EmittedRecord) => out.push(r);
  let e = 0;
  for (const o of stream) {
    while (e < sorted.length && sorted[e]!.t <= o.time) {
      const ev = sorted[e++]!;
      agg.advanceInto(ev.t, emit);
      if (ev.del) {
        net.flowLogs.delete(ev.del);
        net.touch();
      }
    }
    agg.observe(o);
  }
  agg.flushInto(flushAt, emit);
  return out;
}
