/** The template's outline, checked before anything is evaluated: sections, resource declarations, mappings. */
import { describeValue, isMapping } from '../scenario/describe.ts';
import { type Origin, errorAt } from '../scenario/origin.ts';
import { closest, didYouMean } from '../scenario/suggest.ts';
import { HANDLERS } from './handlers/registry.ts';

const SECTIONS = ['AWSTemplateFormatVersion', 'Description', 'Metadata', 'Parameters', 'Rules', 'Mappings', 'Conditions', 'Transform', 'Resources', 'Outputs'];
const RESOURCE_KEYS = ['Type', 'Properties', 'DependsOn', 'Condition', 'Metadata', 'DeletionPolicy', 'UpdateReplacePolicy', 'CreationPolicy', 'UpdatePolicy'];

export interface ResourceDecl {
  type: string;
  properties: unknown;
  dependsOn: unknown;
  condition: unknown;
  metadata: unknown;
}

export function checkOutline(template: unknown, origin: Origin, warnings: string[]): Record<string, unknown> {
  if (!isMapping(template)) throw errorAt(origin, [], 'a CloudFormation template (a mapping with Resources)', describeValue(template));
  for (const key of Object.keys(template)) {
    if (!SECTIONS.includes(key)) throw errorAt(origin, [key], `a template section (${SECTIONS.join(', ')})`, `"${key}"${didYouMean(key, SECTIONS)}`);
  }
  const version = template.AWSTemplateFormatVersion;
  if (version !== undefined && version !== '2010-09-09') throw errorAt(origin, ['AWSTemplateFormatVersion'], '"2010-09-09", the only template format version', describeValue(version));
  if (template.Transform !== undefined) {
    throw errorAt(origin, ['Transform'], 'a template without Transform (vpcflow does not run macros such as AWS::Serverless)', describeValue(template.Transform));
  }
  if (template.Rules !== undefined) warnings.push('Rules: parameter rules are not checked by vpcflow');
  const resources = template.Resources;
  if (!isMapping(resources) || Object.keys(resources).length === 0) {
    throw errorAt(origin, ['Resources'], 'a Resources section with at least one resource', describeValue(resources));
  }
  return template;
}

export function readResource(id: string, v: unknown, origin: Origin): ResourceDecl {
  const at = ['Resources', id];
  if (!/^[A-Za-z0-9]{1,255}$/.test(id)) throw errorAt(origin, at, 'a logical id of letters and digits only', `"${id}"`);
  if (!isMapping(v)) throw errorAt(origin, at, 'a resource declaration (a mapping with Type and Properties)', describeValue(v));
  for (const key of Object.keys(v)) {
    if (!RESOURCE_KEYS.includes(key)) throw errorAt(origin, [...at, key], `a resource attribute (${RESOURCE_KEYS.join(', ')})`, `"${key}"${didYouMean(key, RESOURCE_KEYS)}`);
  }
  const type = v.Type;
  if (typeof type !== 'string') throw errorAt(origin, type === undefined ? at : [...at, 'Type'], 'a resource Type such as AWS::EC2::VPC', describeValue(type));
  if (!/^(AWS|Alexa)::[A-Za-z0-9]+::[A-Za-z0-9]+$|^Custom::[A-Za-z0-9_@-]+$/.test(type)) {
    throw errorAt(origin, [...at, 'Type'], 'a resource type such as AWS::EC2::Subnet', describeValue(type));
  }
  // An unknown type is ignored, unless it is a slip of the pen for one that vpcflow models.
  const near = HANDLERS[type] ? undefined : closest(type, Object.keys(HANDLERS));
  if (near && near !== type) throw errorAt(origin, [...at, 'Type'], 'a resource type CloudFormation knows', `"${type}" (did you mean "${near}"?)`);
  if (v.Condition !== undefined && typeof v.Condition !== 'string') throw errorAt(origin, [...at, 'Condition'], 'the name of a condition', describeValue(v.Condition));
  return { type, properties: v.Properties, dependsOn: v.DependsOn, condition: v.Condition, metadata: v.Metadata };
}

/** Mappings: name → top-level key → second-level key → value. */
export function checkMappings(mappings: Record<string, unknown>, origin: Origin): void {
  for (const [name, map] of Object.entries(mappings)) {
    if (!isMapping(map)) throw errorAt(origin, ['Mappings', name], 'a mapping of top-level keys', describeValue(map));
    for (const [key, level] of Object.entries(map)) {
      if (!isMapping(level)) throw errorAt(origin, ['Mappings', name, key], 'a mapping of second-level keys to values', describeValue(level));
    }
  }
}

/** A section that must be a mapping when present. */
export function section(template: Record<string, unknown>, name: string, origin: Origin): Record<string, unknown> {
  const v = template[name];
  if (v === undefined || v === null) return {};
  if (!isMapping(v)) throw errorAt(origin, [name], `${name} to be a mapping`, describeValue(v));
  return v;
}
