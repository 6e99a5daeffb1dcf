/** Values the CloudWatch and SNS handlers share: numbers given as text, units, names, enumerations. */
import { describeValue } from '../../scenario/describe.ts';
import type { ResourceRun } from '../handler.ts';

/** CloudWatch's StandardUnit values. */
export const UNITS = [
  'Seconds', 'Microseconds', 'Milliseconds', 'Bytes', 'Kilobytes', 'Megabytes', 'Gigabytes', 'Terabytes', 'Bits', 'Kilobits', 'Megabits',
  'Gigabits', 'Terabits', 'Percent', 'Count', 'Bytes/Second', 'Kilobytes/Second', 'Megabytes/Second', 'Gigabytes/Second', 'Terabytes/Second',
  'Bits/Second', 'Kilobits/Second', 'Megabits/Second', 'Gigabits/Second', 'Terabits/Second', 'Count/Second', 'None',
];

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** A number property (the shape check gave it as text); undefined when absent. */
export function numberProp(run: ResourceRun, path: (string | number)[], v: unknown): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !NUMBER.test(v.trim())) run.fail(path, 'a number', describeValue(v));
  return Number(v.trim());
}

/** A property that must be one of a few values. */
export function oneOf<T extends string>(run: ResourceRun, path: (string | number)[], v: unknown, allowed: readonly T[]): T | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) run.fail(path, `one of ${allowed.join(', ')}`, describeValue(v));
  return v as T;
}

/** A name checked against a rule, as the service checks it. */
export function checkName(run: ResourceRun, path: (string | number)[], v: string, rule: RegExp, ruleText: string): string {
  if (!rule.test(v)) run.fail(path, ruleText, describeValue(v));
  return v;
}
