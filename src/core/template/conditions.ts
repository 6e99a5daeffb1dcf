/**
 * The Conditions section: Fn::Equals, Fn::And, Fn::Or, Fn::Not and Condition,
 * over parameters only. Values are compared as CloudFormation does, as text.
 */
import { describeValue, isMapping } from '../scenario/describe.ts';
import { errorAt } from '../scenario/origin.ts';
import type { Path } from '../scenario/path.ts';
import { didYouMean } from '../scenario/suggest.ts';
import { evaluate } from './intrinsics.ts';
import type { Env } from './scope.ts';

const FUNCTIONS = ['Fn::Equals', 'Fn::And', 'Fn::Or', 'Fn::Not', 'Condition'];

export function evalCondition(expr: unknown, path: Path, env: Env): boolean {
  const keys = isMapping(expr) ? Object.keys(expr) : [];
  if (!isMapping(expr) || keys.length !== 1) {
    throw errorAt(env.origin, path, 'a condition function (Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition)', describeValue(expr));
  }
  const name = keys[0]!;
  const arg = expr[name];
  const at = [...path, name];
  switch (name) {
    case 'Fn::Equals': {
      if (!Array.isArray(arg) || arg.length !== 2) throw errorAt(env.origin, at, 'Fn::Equals to take a list of 2 values', describeValue(arg));
      const [a, b] = arg.map((x, i) => comparable(evaluate(x, [...at, i], env)));
      return a === b;
    }
    case 'Fn::And':
    case 'Fn::Or': {
      if (!Array.isArray(arg) || arg.length < 2 || arg.length > 10) {
        throw errorAt(env.origin, at, `${name} to take a list of 2 to 10 conditions`, describeValue(arg));
      }
      const values = arg.map((x, i) => evalCondition(x, [...at, i], env));
      return name === 'Fn::And' ? values.every(Boolean) : values.some(Boolean);
    }
    case 'Fn::Not': {
      if (!Array.isArray(arg) || arg.length !== 1) throw errorAt(env.origin, at, 'Fn::Not to take a list of 1 condition', describeValue(arg));
      return !evalCondition(arg[0], [...at, 0], env);
    }
    case 'Condition': {
      if (typeof arg !== 'string') throw errorAt(env.origin, at, 'the name of a condition', describeValue(arg));
      return env.scope.condition(arg, at, env.origin);
    }
    default:
      throw errorAt(env.origin, at, 'a condition function (Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition)', `${name}${didYouMean(name, FUNCTIONS)}`);
  }
}

function comparable(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}
