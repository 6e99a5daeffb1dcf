/**
 * Turns a CloudFormation template into a built Network, as CloudFormation would
 * create the stack: parameters, conditions, dependency order, then each
 * resource through the EC2 actions. Pure: the adapter hands in the parsed
 * template and a way to locate paths in its file.
 */
import type { Ec2Context } from '../ec2/context.ts';
import { createEc2Context } from '../ec2/create-context.ts';
import { Network } from '../model/network.ts';
import { describeValue, isMapping } from '../scenario/describe.ts';
import { type Origin, errorAt } from '../scenario/origin.ts';
import type { Path } from '../scenario/path.ts';
import { createResources, readAllPins } from './create.ts';
import { HANDLERS } from './handlers/registry.ts';
import { creationOrder } from './order.ts';
import { resolveParameters } from './parameters.ts';
import { type StackIdentity, pseudoParameters } from './pseudo.ts';
import { type DeclaredResource, type ScanContext, scanDependsOn, scanReferences } from './references.ts';
import { type ResourceDecl, checkMappings, checkOutline, readResource, section } from './sections.ts';
import { Stack } from './stack.ts';

export interface BuildInput {
  /** The parsed template: a mapping with Resources. */
  template: unknown;
  origin: Origin;
  stack: StackIdentity;
  /** Epoch milliseconds of the scenario's start: the flow logs' creation time. */
  start: number;
  /** Parameter values given by the scenario, and where they are written. */
  parameters?: Record<string, unknown> | undefined;
  parametersOrigin?: Origin | undefined;
  parametersPath?: Path | undefined;
}

export interface BuiltNetwork {
  net: Network;
  /** For later changes: the same ids and addresses policy as the build. */
  ctx: Ec2Context;
  /** Resource types in the template that vpcflow does not model, once each. */
  ignored: string[];
  warnings: string[];
  /** The template's Outputs, evaluated (those whose condition holds). */
  outputs: Record<string, unknown>;
  /** Evaluates Ref, Fn::GetAtt and the other intrinsic functions against the built stack. */
  resolve(value: unknown, path: Path, origin: Origin): unknown;
}

export function buildTemplate(input: BuildInput): BuiltNetwork {
  const { origin } = input;
  const warnings: string[] = [];
  const template = checkOutline(input.template, origin, warnings);
  const params = resolveParameters({
    section: template.Parameters, origin, given: input.parameters ?? {},
    givenOrigin: input.parametersOrigin ?? origin, givenPath: input.parametersPath ?? ['parameters'], region: input.stack.region,
  });
  warnings.push(...params.warnings);
  const mappings = section(template, 'Mappings', origin);
  checkMappings(mappings, origin);
  const conditions = section(template, 'Conditions', origin);
  const stack = new Stack({
    region: input.stack.region, parameters: params.values, pseudo: pseudoParameters(input.stack), mappings, conditions, origin, warnings,
  });
  for (const name of Object.keys(conditions)) stack.condition(name, ['Conditions', name], origin);

  const decls = new Map<string, ResourceDecl>();
  for (const [id, v] of Object.entries(template.Resources as Record<string, unknown>)) {
    const decl = readResource(id, v, origin);
    if (params.values.has(id)) throw errorAt(origin, ['Resources', id], 'a logical id not used by a parameter', `"${id}", also declared in Parameters`);
    decls.set(id, decl);
    const live = decl.condition === undefined || stack.condition(decl.condition as string, ['Resources', id, 'Condition'], origin);
    stack.declared.set(id, { type: decl.type, live, condition: decl.condition as string | undefined });
  }

  const order = orderResources(decls, stack, origin);
  const outputDeps = new Set<string>();
  const outputs = section(template, 'Outputs', origin);
  for (const [name, out] of Object.entries(outputs)) {
    if (!isMapping(out) || out.Value === undefined) throw errorAt(origin, ['Outputs', name], 'an output with a Value', describeValue(out));
    const live = typeof out.Condition !== 'string' || stack.condition(out.Condition, ['Outputs', name, 'Condition'], origin);
    scanReferences(out.Value, ['Outputs', name, 'Value'], scanContext(stack, origin), live, outputDeps);
  }

  const net = new Network(input.stack.account, input.stack.region);
  const ctx = createEc2Context(net, input.stack.seed, () => input.start);
  const pins = readAllPins(decls, stack, origin);
  for (const p of pins.values()) for (const id of [p.id, p.eni]) if (id) ctx.ids.reserve(id);
  const ignored = createResources({ order, decls, pins, stack, ctx, origin, identity: input.stack, warnings });

  const outputValues: Record<string, unknown> = {};
  for (const [name, out] of Object.entries(outputs) as [string, Record<string, unknown>][]) {
    if (typeof out.Condition === 'string' && !stack.condition(out.Condition, ['Outputs', name, 'Condition'], origin)) continue;
    outputValues[name] = stack.evaluate(out.Value, ['Outputs', name, 'Value'], origin);
  }
  return { net, ctx, ignored, warnings, outputs: outputValues, resolve: (v, path, o) => stack.evaluate(v, path, o) };
}

function scanContext(stack: Stack, origin: Origin): ScanContext {
  return {
    origin,
    resources: stack.declared,
    isParameter: (name) => stack.parameter(name) !== undefined,
    attributesOf: (type) => (HANDLERS[type] ? Object.keys(HANDLERS[type].attributes) : undefined),
    condition: (name, path) => stack.condition(name, path, origin),
    refNames: () => stack.refNames(),
  };
}

function orderResources(decls: Map<string, ResourceDecl>, stack: Stack, origin: Origin): string[] {
  const ctx = scanContext(stack, origin);
  const deps = new Map<string, Set<string>>();
  const live: string[] = [];
  for (const [id, decl] of decls) {
    const d: DeclaredResource = stack.declared.get(id)!;
    const set = new Set<string>();
    scanReferences(decl.properties, ['Resources', id, 'Properties'], ctx, d.live, set);
    if (!d.live) continue;
    if (decl.dependsOn !== undefined) scanDependsOn(decl.dependsOn, ['Resources', id, 'DependsOn'], id, ctx, set);
    deps.set(id, set);
    live.push(id);
  }
  const result = creationOrder(live, deps);
  if ('cycle' in result) {
    throw errorAt(origin, ['Resources', result.cycle[0]!], 'resources that do not depend on each other in a circle', `a circular dependency: ${result.cycle.join(' → ')}`);
  }
  return result.order;
}
