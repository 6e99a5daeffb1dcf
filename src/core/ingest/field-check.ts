/**
 * Whether a token can be the value of a given record field: the test that
 * tells apart two formats with the same number of fields. The type alone
 * (a number where a number is expected) settles few cases, since most fields
 * are text; so the fields with a known shape are held to it (an action is
 * ACCEPT or REJECT, a port fits 16 bits, an address is an address, an id has
 * its prefix). Fields without one (ECS names, sublocation ids) accept any
 * token. `-` (AWS's "no value") fits every field except `version`, which
 * every record carries.
 */
import type { FieldDef } from '../flows/fields.ts';
import { athenaType } from './columns.ts';
import { readNumber } from './record.ts';

type Rule = RegExp | ((tok: string) => boolean);

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`);
const IPV6 = /^[0-9a-fA-F:.]*:[0-9a-fA-F:.]*$/;
const isAddress = (tok: string): boolean => IPV4.test(tok) || IPV6.test(tok);
const ACCOUNT = /^(\d{12}|unknown)$/;
const AZ_ID = /^[a-z]+\d+-[a-z0-9-]+$/;

/** Shapes of text fields, as AWS's field reference describes their values (VPC and Transit Gateway user guides). */
const TEXT_RULES: Record<string, Rule> = {
  'account-id': ACCOUNT,
  'interface-id': /^[a-z]+-[0-9a-z-]+$/,
  srcaddr: isAddress,
  dstaddr: isAddress,
  'pkt-srcaddr': isAddress,
  'pkt-dstaddr': isAddress,
  action: /^(ACCEPT|REJECT)$/,
  'log-status': /^(OK|NODATA|SKIPDATA)$/,
  'vpc-id': /^vpc-[0-9a-z]+$/,
  'subnet-id': /^subnet-[0-9a-z]+$/,
  'instance-id': /^i-[0-9a-z]+$/,
  type: /^(IPv4|IPv6|EFA)$/,
  region: /^[a-z]{2}(-[a-z]+)+-\d+$/,
  'az-id': AZ_ID,
  'sublocation-type': /^(wavelength|outpost|localzone)$/,
  'pkt-src-aws-service': /^[A-Z][A-Z0-9_]*$/,
  'pkt-dst-aws-service': /^[A-Z][A-Z0-9_]*$/,
  'flow-direction': /^(ingress|egress)$/,
  'ecs-cluster-arn': /^arn:/,
  'ecs-container-instance-arn': /^arn:/,
  'ecs-task-definition-arn': /^arn:/,
  'ecs-task-arn': /^arn:/,
  'reject-reason': /^[A-Z][A-Z_]*$/,
  'resource-type': /^(TransitGateway|TransitGatewayAttachment)$/,
  'tgw-id': /^tgw-[0-9a-z]+$/,
  'tgw-attachment-id': /^tgw-attach-[0-9a-z]+$/,
  'tgw-pair-attachment-id': /^tgw-attach-[0-9a-z]+$/,
  'tgw-src-vpc-account-id': ACCOUNT,
  'tgw-dst-vpc-account-id': ACCOUNT,
  'tgw-src-vpc-id': /^vpc-[0-9a-z]+$/,
  'tgw-dst-vpc-id': /^vpc-[0-9a-z]+$/,
  'tgw-src-subnet-id': /^subnet-[0-9a-z]+$/,
  'tgw-dst-subnet-id': /^subnet-[0-9a-z]+$/,
  'tgw-src-eni': /^eni-[0-9a-z]+$/,
  'tgw-dst-eni': /^eni-[0-9a-z]+$/,
  'tgw-src-az-id': AZ_ID,
  'tgw-dst-az-id': AZ_ID,
};

/** Inclusive ranges of number fields; the others need only be whole and not negative. */
const RANGES: Record<string, [number, number]> = {
  // Versions 2 to 8 are documented; 10 has been seen in AWS's copies (encryption-status).
  version: [2, 10],
  srcport: [0, 65535],
  dstport: [0, 65535],
  protocol: [0, 255],
  'tcp-flags': [0, 255],
  'traffic-path': [1, 8],
};

/** Whole numbers short enough to be exact as a JS number: read without BigInt, which costs several times more. */
const SHORT_WHOLE = /^\d{1,15}$/;

/** Why `tok` cannot be a value of field `f`, or null when it can. */
export function fieldValueProblem(f: FieldDef, tok: string): string | null {
  if (tok === '-') return f.name === 'version' ? 'version: "-" (every record has a version)' : null;
  const t = athenaType(f);
  if (t === 'string') {
    const rule = TEXT_RULES[f.name];
    if (!rule) return null;
    const ok = typeof rule === 'function' ? rule(tok) : rule.test(tok);
    return ok ? null : `${f.name}: "${tok}" is not a valid ${f.name}`;
  }
  const v = SHORT_WHOLE.test(tok) ? Number(tok) : readNumber(tok, t);
  if (typeof v === 'string') return `${f.name}: ${v}`;
  const [lo, hi] = RANGES[f.name] ?? [0, Infinity];
  if (v! < lo || v! > hi) return `${f.name}: ${tok} is outside ${lo}–${hi}`;
  return null;
}

/**
 * The same test as fieldValueProblem, as a predicate made once per field:
 * choosing a format runs it on every token of every line of a mixed stream,
 * so it looks nothing up and builds no message.
 */
export function fieldFits(f: FieldDef): (tok: string) => boolean {
  const t = athenaType(f);
  const dashOk = f.name !== 'version';
  if (t === 'string') {
    const rule = TEXT_RULES[f.name];
    if (!rule) return () => true;
    const test = typeof rule === 'function' ? rule : (tok: string) => rule.test(tok);
    return (tok) => (tok === '-' ? dashOk : test(tok));
  }
  const [lo, hi] = RANGES[f.name] ?? [0, Infinity];
  return (tok) => {
    if (tok === '-') return dashOk;
    if (SHORT_WHOLE.test(tok)) { const v = Number(tok); return v >= lo && v <= hi; }
    return fieldValueProblem(f, tok) === null;
  };
}
