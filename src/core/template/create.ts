/** Creating the resources, in order, through their handlers. */
import type { Ec2Context } from '../ec2/context.ts';
import { describeValue, isMapping } from '../scenario/describe.ts';
import { type Origin, errorAt } from '../scenario/origin.ts';
import type { Pins } from './handler.ts';
import { HANDLERS } from './handlers/registry.ts';
import { readPins } from './pins.ts';
import type { StackIdentity } from './pseudo.ts';
import { makeRun } from './run.ts';
import { NO_VALUE } from './scope.ts';
import type { ResourceDecl } from './sections.ts';
import { checkFields } from './shapes.ts';
import type { Stack } from './stack.ts';

/** Metadata.vpcflow of every live resource, checked for clashes, so generated ids can avoid the pinned ones. */
export function readAllPins(decls: ReadonlyMap<string, ResourceDecl>, stack: Stack, origin: Origin): Map<string, Pins> {
  const all = new Map<string, Pins>();
  const seen = new Map<string, string>();
  for (const [id, decl] of decls) {
    if (!stack.declared.get(id)!.live) continue;
    const pins = readPins(decl.metadata, HANDLERS[decl.type]?.pins, decl.type, ['Resources', id, 'Metadata'], origin);
    for (const key of ['id', 'eni'] as const) {
      const value = pins[key];
      if (value === undefined) continue;
      const other = seen.get(value);
      if (other) throw errorAt(origin, ['Resources', id, 'Metadata', 'vpcflow', key], 'an id no other resource pins', `"${value}", already pinned by ${other}`);
      seen.set(value, id);
    }
    all.set(id, pins);
  }
  return all;
}

export interface CreateInput {
  order: readonly string[];
  decls: ReadonlyMap<string, ResourceDecl>;
  pins: ReadonlyMap<string, Pins>;
  stack: Stack;
  ctx: Ec2Context;
  origin: Origin;
  identity: StackIdentity;
  warnings: string[];
}

/** Creates the resources; returns the types that were ignored. */
export function createResources(input: CreateInput): string[] {
  const { stack, origin } = input;
  const ignored: string[] = [];
  for (const id of input.order) {
    const decl = input.decls.get(id)!;
    const handler = HANDLERS[decl.type];
    if (!handler) {
      if (!ignored.includes(decl.type)) ignored.push(decl.type);
      continue;
    }
    const path = ['Resources', id, 'Properties'];
    let evaluated = decl.properties === undefined || decl.properties === null ? {} : stack.evaluate(decl.properties, path, origin);
    if (evaluated === NO_VALUE) evaluated = {};
    if (!isMapping(evaluated)) throw errorAt(origin, path, 'Properties to be a mapping', describeValue(evaluated));
    const props = checkFields(evaluated, handler.properties, path, origin, decl.type);
    const run = makeRun({ logicalId: id, type: decl.type, props, known: Object.keys(handler.properties), pins: input.pins.get(id) ?? {}, ctx: input.ctx, stack: input.identity, origin, warnings: input.warnings });
    // A refusal outside the handler's own wrapped calls still lands on the resource.
    const state = run.ec2(decl.type, () => handler.create(run));
    stack.created.set(id, { handler, state, run });
    input.ctx.net.logical.set(id, { type: decl.type, physicalId: handler.ref(state) });
  }
  return ignored;
}
