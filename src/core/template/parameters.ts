/**
 * The Parameters section: each parameter's value comes from the scenario's
 * `parameters`, else from its Default, and is checked against its Type and
 * constraints as CloudFormation checks it when a stack is created.
 */
import { azNames } from '../model/region.ts';
import { describeValue, isMapping } from '../scenario/describe.ts';
import { type Origin, errorAt } from '../scenario/origin.ts';
import type { Path } from '../scenario/path.ts';
import { didYouMean } from '../scenario/suggest.ts';
import type { ParamValue } from './scope.ts';

const DECLARATION_KEYS = ['Type', 'Default', 'AllowedValues', 'AllowedPattern', 'ConstraintDescription', 'Description', 'MaxLength', 'MaxValue', 'MinLength', 'MinValue', 'NoEcho'];

/** AWS-specific parameter types and the shape of their values (undefined: any text). */
const AWS_TYPES: Record<string, RegExp | 'az' | undefined> = {
  'AWS::EC2::AvailabilityZone::Name': 'az',
  'AWS::EC2::Image::Id': /^ami-[0-9a-f]{8}([0-9a-f]{9})?$/,
  'AWS::EC2::Instance::Id': /^i-[0-9a-f]{8}([0-9a-f]{9})?$/,
  'AWS::EC2::KeyPair::KeyName': undefined,
  'AWS::EC2::SecurityGroup::GroupName': undefined,
  'AWS::EC2::SecurityGroup::Id': /^sg-[0-9a-f]{8}([0-9a-f]{9})?$/,
  'AWS::EC2::Subnet::Id': /^subnet-[0-9a-f]{8}([0-9a-f]{9})?$/,
  'AWS::EC2::Volume::Id': /^vol-[0-9a-f]{8}([0-9a-f]{9})?$/,
  'AWS::EC2::VPC::Id': /^vpc-[0-9a-f]{8}([0-9a-f]{9})?$/,
  'AWS::Route53::HostedZone::Id': /^[A-Z0-9]+$/,
};

interface ParamType {
  list: boolean;
  /** The type of each value: String, Number or an AWS-specific type. */
  item: string;
  ssm: boolean;
}

function parseType(type: string): ParamType | undefined {
  const ssm = /^AWS::SSM::Parameter::Value<(.+)>$/.exec(type);
  if (ssm) {
    const inner = parseType(ssm[1] === 'String' ? 'String' : ssm[1]!);
    return inner && { ...inner, ssm: true };
  }
  if (type === 'AWS::SSM::Parameter::Name') return { list: false, item: 'String', ssm: false };
  if (type === 'CommaDelimitedList') return { list: true, item: 'String', ssm: false };
  const list = /^List<(.+)>$/.exec(type);
  const item = list ? list[1]! : type;
  if (item === 'String' && list) return undefined;
  if (item !== 'String' && item !== 'Number' && !(item in AWS_TYPES)) return undefined;
  return { list: !!list, item, ssm: false };
}

const KNOWN_TYPES = ['String', 'Number', 'List<Number>', 'CommaDelimitedList', 'AWS::SSM::Parameter::Name', ...Object.keys(AWS_TYPES), ...Object.keys(AWS_TYPES).map((t) => `List<${t}>`)];

export interface ParameterInput {
  /** The template's Parameters section. */
  section: unknown;
  origin: Origin;
  /** Values given by the scenario (`parameters`), and where they are. */
  given: Record<string, unknown>;
  givenOrigin: Origin;
  givenPath: Path;
  region: string;
}

export interface ResolvedParameters {
  values: Map<string, ParamValue>;
  warnings: string[];
}

export function resolveParameters(input: ParameterInput): ResolvedParameters {
  const { section, origin } = input;
  const values = new Map<string, ParamValue>();
  const warnings: string[] = [];
  if (section !== undefined && !isMapping(section)) throw errorAt(origin, ['Parameters'], 'a mapping of parameter declarations', describeValue(section));
  const declared = section ?? {};
  for (const name of Object.keys(input.given)) {
    if (!(name in declared)) {
      const names = Object.keys(declared);
      const expected = names.length ? `a parameter the template declares (${names.join(', ')})` : 'no parameters (the template declares none)';
      throw errorAt(input.givenOrigin, [...input.givenPath, name], expected, `"${name}"${didYouMean(name, names)}`);
    }
  }
  for (const [name, decl] of Object.entries(declared)) {
    const at: Path = ['Parameters', name];
    if (!/^[A-Za-z0-9]+$/.test(name)) throw errorAt(origin, at, 'a parameter name of letters and digits', `"${name}"`);
    if (!isMapping(decl)) throw errorAt(origin, at, 'a parameter declaration (a mapping with Type)', describeValue(decl));
    for (const key of Object.keys(decl)) {
      if (!DECLARATION_KEYS.includes(key)) throw errorAt(origin, [...at, key], `a parameter attribute (${DECLARATION_KEYS.join(', ')})`, `"${key}"${didYouMean(key, DECLARATION_KEYS)}`);
    }
    if (typeof decl.Type !== 'string') throw errorAt(origin, decl.Type === undefined ? at : [...at, 'Type'], 'a parameter Type such as String or Number', describeValue(decl.Type));
    const type = parseType(decl.Type);
    if (!type) throw errorAt(origin, [...at, 'Type'], 'a parameter type CloudFormation knows (String, Number, List<Number>, CommaDelimitedList, AWS::EC2::…::Id, …)', `"${decl.Type}"${didYouMean(decl.Type, KNOWN_TYPES)}`);
    const fromScenario = name in input.given;
    const raw = fromScenario ? input.given[name] : decl.Default;
    const where = fromScenario
      ? { origin: input.givenOrigin, path: [...input.givenPath, name] as Path }
      : { origin, path: [...at, 'Default'] as Path };
    if (raw === undefined || raw === null) {
      throw errorAt(origin, at, `a value for parameter ${name} (give it in the scenario's parameters, or a Default)`, 'none');
    }
    const text = paramText(raw, type, where.origin, where.path);
    const value = type.list ? text.split(',').map((s) => s.trim()) : text;
    for (const item of type.list ? (value as string[]) : [value as string]) {
      checkValue(item, decl, type, name, input.region, where.origin, where.path, origin, at);
    }
    if (type.ssm) warnings.push(`parameter ${name} is an SSM parameter type; vpcflow has no Parameter Store, so its value is the parameter name "${text}"`);
    values.set(name, value);
  }
  return { values, warnings };
}

function paramText(raw: unknown, type: ParamType, origin: Origin, path: Path): string {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  if (Array.isArray(raw) && type.list && raw.every((x) => typeof x === 'string' || typeof x === 'number')) return raw.join(',');
  throw errorAt(origin, path, type.list ? 'a comma-separated text or a list of values' : 'a single value (text or number)', describeValue(raw));
}

function checkValue(
  v: string, decl: Record<string, unknown>, type: ParamType, name: string, region: string,
  origin: Origin, path: Path, templateOrigin: Origin, at: Path,
): void {
  const hint = typeof decl.ConstraintDescription === 'string' ? decl.ConstraintDescription : undefined;
  const fail = (expected: string): never => {
    throw errorAt(origin, path, `${hint ?? expected} (parameter ${name})`, describeValue(v));
  };
  if (type.item === 'Number' && !/^-?\d+(\.\d+)?$/.test(v.trim())) fail('a number');
  // An SSM type's value is the name of a Parameter Store entry, not a value of the inner type.
  const shape = type.ssm ? undefined : AWS_TYPES[type.item];
  if (shape === 'az' && !azNames(region).includes(v)) fail(`an availability zone of ${region} (${azNames(region).join(', ')})`);
  if (shape instanceof RegExp && !shape.test(v)) fail(`an ${type.item} such as ${exampleId(type.item)}`);
  if (decl.AllowedValues !== undefined) {
    if (!Array.isArray(decl.AllowedValues)) throw errorAt(templateOrigin, [...at, 'AllowedValues'], 'a list of allowed values', describeValue(decl.AllowedValues));
    const allowed = decl.AllowedValues.map(String);
    const same = type.item === 'Number' ? (a: string) => Number(a) === Number(v) : (a: string) => a === v;
    if (!allowed.some(same)) fail(`one of ${allowed.join(', ')}`);
  }
  if (decl.AllowedPattern !== undefined) {
    let re: RegExp;
    try {
      re = new RegExp(`^(?:${String(decl.AllowedPattern)})$`);
    } catch {
      throw errorAt(templateOrigin, [...at, 'AllowedPattern'], 'a regular expression', describeValue(decl.AllowedPattern));
    }
    if (!re.test(v)) fail(`a value matching the pattern ${String(decl.AllowedPattern)}`);
  }
  const bound = (key: string): number | undefined => {
    const b = decl[key];
    if (b === undefined) return undefined;
    const n = Number(b);
    if (!Number.isFinite(n)) throw errorAt(templateOrigin, [...at, key], 'a number', describeValue(b));
    return n;
  };
  const minLength = bound('MinLength'), maxLength = bound('MaxLength'), minValue = bound('MinValue'), maxValue = bound('MaxValue');
  if (minLength !== undefined && v.length < minLength) fail(`a text of at least ${minLength} characters`);
  if (maxLength !== undefined && v.length > maxLength) fail(`a text of at most ${maxLength} characters`);
  if (minValue !== undefined && Number(v) < minValue) fail(`a number of at least ${minValue}`);
  if (maxValue !== undefined && Number(v) > maxValue) fail(`a number of at most ${maxValue}`);
}

function exampleId(type: string): string {
  const prefix = /AWS::EC2::(\w+)::Id/.exec(type)?.[1];
  const p = { Image: 'ami', Instance: 'i', SecurityGroup: 'sg', Subnet: 'subnet', Volume: 'vol', VPC: 'vpc' }[prefix ?? ''] ?? '';
  return p ? `${p}-0123456789abcdef0` : 'Z0123456789ABC';
}
