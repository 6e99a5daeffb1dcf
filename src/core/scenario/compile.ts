/**
 * A parsed scenario (and its parsed template) into settings and a built
 * network. Pure: reading and parsing files is the adapter's work.
 */
import { parseIp } from '../net/ip.ts';
import { buildTemplate } from '../template/build.ts';
import { isSnapshot } from '../snapshot/detect.ts';
import { buildSnapshot } from '../snapshot/build.ts';
import { readChanges } from './changes.ts';
import { describeValue, isMapping } from './describe.ts';
import { checkHostName, resolveEndpoint } from './endpoints.ts';
import { type Origin, errorAt, originOf } from './origin.ts';
import type { Path } from './path.ts';
import { readPorts } from './ports.ts';
import { mapping, onlyKeys } from './read.ts';
import { type Source, readAccount, readName, readOptionalDuration, readOptions, readRegion, readSeed, readStart } from './settings.ts';
import { readTraffic } from './traffic.ts';
import type { LoadedScenario, ScenarioOverrides } from './types.ts';

const TOP_LEVEL = [
  'name', 'description', 'account', 'region', 'start', 'duration', 'seed', 'template', 'parameters', 'resources',
  'options', 'hosts', 'listen', 'traffic', 'changes',
];

export interface ScenarioInput {
  /** The scenario file, parsed. */
  doc: unknown;
  origin: Origin;
  /** The template file that `template` names, parsed (absent with inline `resources`). */
  template?: { doc: unknown; origin: Origin } | undefined;
  overrides?: ScenarioOverrides | undefined;
}

export function compileScenario(input: ScenarioInput): LoadedScenario {
  const { origin } = input;
  const doc = mapping(input.doc, [], origin, 'a scenario: a mapping with name, template (or resources), traffic, …');
  onlyKeys(doc, TOP_LEVEL, [], origin, 'a scenario field');
  const o = input.overrides ?? {};
  const cli = originOf('command line');
  const options = isMapping(doc.options) ? doc.options : {};
  const pick = (value: unknown, override: unknown, path: Path, flag: string): Source =>
    override !== undefined ? { v: override, path: [flag], origin: cli } : { v: value, path, origin };

  const name = readName(doc.name, origin);
  const account = readAccount(doc.account, origin);
  const region = readRegion(doc.region, origin);
  const start = readStart(pick(doc.start, o.start, ['start'], '--start'));
  const duration = readOptionalDuration(pick(doc.duration, o.duration, ['duration'], '--duration'));
  const seed = readSeed(pick(doc.seed, o.seed, ['seed'], '--seed'));
  const opts = readOptions(doc.options, origin, pick(options.nodata, o.nodata, ['options', 'nodata'], '--nodata'),
    pick(options.capacity, o.capacity, ['options', 'capacity'], '--capacity'));
  const parameters = doc.parameters === undefined ? {} : mapping(doc.parameters, ['parameters'], origin, 'a mapping of template parameter values');

  const source = templateOf(doc, input);
  // A template path may name a snapshot (merged `aws ec2 describe-*` output) instead of a CloudFormation template.
  const network = isSnapshot(source.template)
    ? buildSnapshot({ snapshot: source.template, origin: source.origin, stack: { account, region, seed }, start: start * 1000 })
    : buildTemplate({
      ...source, stack: { name, account, region, seed }, start: start * 1000,
      parameters: { ...parameters, ...o.parameters }, parametersOrigin: origin, parametersPath: ['parameters'],
    });
  const { net } = network;
  const hosts = readHosts(doc.hosts, origin, net);
  const listen = readListen(doc.listen, origin, hosts, net);
  const settings = {
    name, account, region, start, duration, seed, options: opts, hosts, listen, file: origin.file,
    traffic: readTraffic(doc.traffic, origin, hosts, net),
    changes: readChanges(doc.changes, origin, network.resolve),
  };
  return { settings, network };
}

function templateOf(doc: Record<string, unknown>, input: ScenarioInput): { template: unknown; origin: Origin } {
  const { origin } = input;
  if (doc.template !== undefined && doc.resources !== undefined) {
    throw errorAt(origin, ['resources'], 'either template or resources, not both', 'both');
  }
  if (doc.resources !== undefined) {
    mapping(doc.resources, ['resources'], origin, 'a CloudFormation Resources mapping');
    // Inline resources are the template's Resources section; messages name them as written.
    const rename = (p: Path): Path => (p[0] === 'Resources' ? ['resources', ...p.slice(1)] : p);
    return { template: { Resources: doc.resources }, origin: { ...origin, rename } };
  }
  if (doc.template === undefined) throw errorAt(origin, [], 'a template (path of a CloudFormation template) or resources (an inline Resources map)', 'neither');
  if (typeof doc.template !== 'string' || doc.template === '') throw errorAt(origin, ['template'], 'the path of a CloudFormation template file', describeValue(doc.template));
  if (!input.template) throw errorAt(origin, ['template'], 'a template file that was loaded', `"${doc.template}"`);
  return { template: input.template.doc, origin: input.template.origin };
}

/** The `listen` map: endpoint → the only TCP ports it answers on. */
export function readListen(v: unknown, origin: Origin, hosts: Record<string, string>, net: LoadedScenario['network']['net']): Record<string, number[]> {
  const listen: Record<string, number[]> = {};
  if (v === undefined) return listen;
  for (const [key, ports] of Object.entries(mapping(v, ['listen'], origin, 'a mapping of endpoint → list of TCP ports'))) {
    resolveEndpoint(key, ['listen', key], origin, hosts, net);
    listen[key] = readPorts(ports, ['listen', key], origin);
  }
  return listen;
}

/** The `hosts` map: names for outside addresses, never hiding an instance or interface. */
export function readHosts(v: unknown, origin: Origin, net: LoadedScenario['network']['net']): Record<string, string> {
  if (v === undefined) return {};
  const hosts: Record<string, string> = {};
  for (const [name, address] of Object.entries(mapping(v, ['hosts'], origin, 'a mapping of host name → IP address'))) {
    const ip = typeof address === 'string' ? parseIp(address) : undefined;
    if (!ip) throw errorAt(origin, ['hosts', name], 'an IPv4 or IPv6 address', describeValue(address));
    checkHostName(name, ['hosts', name], origin, net);
    hosts[name] = ip.text;
  }
  return hosts;
}

