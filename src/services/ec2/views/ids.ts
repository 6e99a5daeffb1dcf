/**
 * Ids AWS reports that the model does not keep (CIDR block associations, the
 * main route table association): derived from what they belong to, so every
 * response and filter gives the same one.
 */
import { hash128 } from '../../../core/random.ts';

export function derivedId(prefix: string, key: string): string {
  const hex = hash128(`${prefix}/${key}`).map((n) => n.toString(16).padStart(8, '0')).join('');
  return `${prefix}-${hex.slice(0, 17)}`;
}

export const arn = (region: string, account: string, type: string, id: string): string => `arn:aws:ec2:${region}:${account}:${type}/${id}`;
