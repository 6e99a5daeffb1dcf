/**
 * A stack being built: its parameters, mappings and conditions, and the
 * resources created so far, answering Ref and Fn::GetAtt for the intrinsic
 * functions (and, once built, for the scenario's changes).
 */
import { type Origin, errorAt } from '../scenario/origin.ts';
import type { Path } from '../scenario/path.ts';
import { didYouMean } from '../scenario/suggest.ts';
import { evalCondition } from './conditions.ts';
import type { AnyHandler, ResourceRun } from './handler.ts';
import { HANDLERS } from './handlers/registry.ts';
import { evaluate } from './intrinsics.ts';
import type { DeclaredResource } from './references.ts';
import { type Env, NO_VALUE, type ParamValue, type Scope } from './scope.ts';

export interface CreatedResource {
  handler: AnyHandler;
  state: unknown;
  run: ResourceRun;
}

export interface StackSections {
  region: string;
  parameters: ReadonlyMap<string, ParamValue>;
  pseudo: ReadonlyMap<string, ParamValue>;
  mappings: Record<string, unknown>;
  conditions: Record<string, unknown>;
  origin: Origin;
  warnings: string[];
}

export class Stack implements Scope {
  readonly region: string;
  readonly mappings: Record<string, unknown>;
  readonly declared = new Map<string, DeclaredResource>();
  readonly created = new Map<string, CreatedResource>();
  private readonly conditionValues = new Map<string, boolean>();
  private readonly evaluating: string[] = [];

  constructor(private readonly s: StackSections) {
    this.region = s.region;
    this.mappings = s.mappings;
  }

  /** Evaluates intrinsic functions in `v` (written at `path` in `origin`) against this stack. */
  evaluate(v: unknown, path: Path, origin: Origin): unknown {
    const env: Env = { scope: this, origin, inConditions: false };
    return evaluate(v, path, env);
  }

  parameter(name: string): ParamValue | typeof NO_VALUE | undefined {
    if (name === 'AWS::NoValue') return NO_VALUE;
    return this.s.pseudo.get(name) ?? this.s.parameters.get(name);
  }

  condition(name: string, path: Path, origin: Origin): boolean {
    const known = this.conditionValues.get(name);
    if (known !== undefined) return known;
    if (!(name in this.s.conditions)) {
      throw errorAt(origin, path, 'the name of a condition in Conditions', `"${name}"${didYouMean(name, Object.keys(this.s.conditions))}`);
    }
    if (this.evaluating.includes(name)) {
      const loop = [...this.evaluating.slice(this.evaluating.indexOf(name)), name].join(' → ');
      throw errorAt(this.s.origin, ['Conditions', name], 'conditions that do not depend on themselves', `a circle: ${loop}`);
    }
    this.evaluating.push(name);
    const env: Env = { scope: this, origin: this.s.origin, inConditions: true };
    const value = evalCondition(this.s.conditions[name], ['Conditions', name], env);
    this.evaluating.pop();
    this.conditionValues.set(name, value);
    return value;
  }

  isResource(name: string): boolean {
    return this.declared.has(name);
  }

  resourceRef(name: string, path: Path, origin: Origin): unknown {
    const c = this.created.get(name);
    if (c) return c.handler.ref(c.state);
    return this.notCreated(name, path, origin, 'Ref');
  }

  resourceAttr(name: string, attr: string, path: Path, origin: Origin): unknown {
    const c = this.created.get(name);
    if (!c) return this.notCreated(name, path, origin, `Fn::GetAtt ${name}.${attr}`);
    const get = c.handler.attributes[attr];
    if (!get) {
      const names = Object.keys(c.handler.attributes);
      throw errorAt(origin, path, `an attribute of ${c.run.type} (${names.join(', ')})`, `"${name}.${attr}"${didYouMean(attr, names)}`);
    }
    return get(c.state, c.run);
  }

  /** A resource that exists in the template but not in the network: ruled out by a condition, or of an ignored type. */
  private notCreated(name: string, path: Path, origin: Origin, what: string): string {
    const d = this.declared.get(name)!;
    if (!d.live) throw errorAt(origin, path, 'a reference to a resource that is created', `"${name}", which is not created because its condition ${d.condition} is false`);
    if (HANDLERS[d.type]) throw new Error(`vpcflow bug: ${name} was referred to before it was created`);
    const text = `Resources.${name}: ${d.type} is not modelled by vpcflow; ${what} gives the placeholder "${name}"`;
    if (!this.s.warnings.includes(text)) this.s.warnings.push(text);
    return name;
  }

  refNames(): string[] {
    return [...this.s.parameters.keys(), ...this.s.pseudo.keys(), 'AWS::NoValue', ...this.declared.keys()];
  }

  resourceNames(): string[] {
    return [...this.declared.keys()];
  }
}
