/**
 * Names CloudFormation makes up for resources that have none:
 * `<stack>-<LogicalId>-<12 random characters>`, shortened to fit the type's limit.
 */
import { rngFor } from '../random.ts';
import type { StackIdentity } from './pseudo.ts';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export function generatedName(stack: StackIdentity, logicalId: string, maxLength: number, lowercase = false): string {
  const r = rngFor(stack.seed, `name:${logicalId}`);
  let suffix = '';
  for (let i = 0; i < 12; i++) suffix += ALPHABET[r.int(0, ALPHABET.length - 1)];
  const room = maxLength - suffix.length - 2;
  const stackPart = (stack.name.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'stack').slice(0, Math.ceil(room / 2));
  const idPart = logicalId.slice(0, room - stackPart.length);
  const name = `${stackPart}-${idPart}-${suffix}`;
  return lowercase ? name.toLowerCase() : name;
}
