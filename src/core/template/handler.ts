/**
 * What a resource type handler is: its CloudFormation properties, how it
 * creates the resource through the EC2 actions, and what Ref and Fn::GetAtt
 * return for it. Handlers never validate what the actions already validate.
 */
import type { Ec2Context } from '../ec2/context.ts';
import type { Path } from '../scenario/path.ts';
import type { Ec2Error } from '../ec2/errors.ts';
import type { StackIdentity } from './pseudo.ts';
import type { Fields } from './shapes.ts';

/** Metadata.vpcflow: a resource's pinned physical id, an instance's primary interface id and public address. */
export interface Pins {
  id?: string | undefined;
  eni?: string | undefined;
  publicIp?: string | undefined;
}

/** Which pins a type takes: `id` is the id's prefix (`vpc`, `i`, `eni-attach`…). */
export interface PinRules {
  id?: string;
  eni?: boolean;
  publicIp?: boolean;
}

/** Where an EC2 error is about, when its message names no property: a property path or a choice by message. */
export type Focus = Path | ((e: Ec2Error) => Path | undefined);

export interface ResourceRun {
  readonly logicalId: string;
  readonly type: string;
  /** Properties after intrinsic functions, checked against the handler's table. */
  readonly props: Readonly<Record<string, unknown>>;
  readonly pins: Pins;
  readonly ctx: Ec2Context;
  readonly stack: StackIdentity;
  warn(message: string): void;
  /** Runs an EC2 action; an Ec2Error becomes a ScenarioError at the property it concerns. */
  ec2<T>(action: string, fn: () => T, focus?: Focus): T;
  /** A ScenarioError at a property (path relative to Properties; [] for the resource). */
  fail(focus: Path, expected: string, found: string): never;
}

export interface ResourceHandler<S> {
  properties: Fields;
  pins?: PinRules;
  create(run: ResourceRun): S;
  /** What Ref returns (also the physical id shown for the resource). */
  ref(state: S): string;
  attributes: Record<string, (state: S, run: ResourceRun) => unknown>;
}

export type AnyHandler = ResourceHandler<unknown>;

/** Keeps each handler's state type while the registry holds them side by side. */
export function defineHandler<S>(h: ResourceHandler<S>): AnyHandler {
  return h as unknown as AnyHandler;
}

/** Property values as handlers read them: the shape check has already run. */
export const prop = {
  str: (run: ResourceRun, name: string): string | undefined => run.props[name] as string | undefined,
  int: (run: ResourceRun, name: string): number | undefined => run.props[name] as number | undefined,
  bool: (run: ResourceRun, name: string): boolean | undefined => run.props[name] as boolean | undefined,
  list: <T = unknown>(run: ResourceRun, name: string): T[] => (run.props[name] as T[] | undefined) ?? [],
};
