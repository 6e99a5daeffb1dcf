/**
 * What the intrinsic functions see of a stack: parameter values, mappings,
 * conditions and the resources created so far. `Env` adds where the value being
 * evaluated comes from, so that errors point into the right file.
 */
import type { Origin } from '../scenario/origin.ts';
import type { Path } from '../scenario/path.ts';

/** A parameter's value: text, or a list for the list types. */
export type ParamValue = string | string[];

/** What `Ref: AWS::NoValue` evaluates to: the property or list item disappears. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

export interface Scope {
  readonly region: string;
  /** A parameter's or pseudo parameter's value; undefined when `name` is neither. */
  parameter(name: string): ParamValue | typeof NO_VALUE | undefined;
  readonly mappings: Readonly<Record<string, unknown>>;
  /** The value of a named condition; an error at `path` when there is none. */
  condition(name: string, path: Path, origin: Origin): boolean;
  isResource(name: string): boolean;
  resourceRef(name: string, path: Path, origin: Origin): unknown;
  resourceAttr(name: string, attr: string, path: Path, origin: Origin): unknown;
  /** Every name `Ref` accepts, for suggestions. */
  refNames(): string[];
  resourceNames(): string[];
}

export interface Env {
  scope: Scope;
  origin: Origin;
  /** In the Conditions section only parameters may be referred to. */
  inConditions: boolean;
}
