/** Tag limits CloudWatch Logs enforces: at most 50 tags, keys 1–128 characters (no `aws:` prefix), values up to 256. */
import { invalidParameter, validation } from '../errors.ts';

export function checkTags(tags: Record<string, string> | undefined): Record<string, string> {
  if (tags === undefined) return {};
  const keys = Object.keys(tags);
  if (keys.length < 1) throw validation('tags', tags, 'Member must have length greater than or equal to 1');
  if (keys.length > 50) throw validation('tags', tags, 'Member must have length less than or equal to 50');
  for (const k of keys) {
    if (k.length < 1 || k.length > 128) throw validation('tags', tags, 'Map keys must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1]');
    if (k.toLowerCase().startsWith('aws:')) throw invalidParameter(`Tag keys cannot start with 'aws:': ${k}`);
    if (tags[k]!.length > 256) throw validation('tags', tags, 'Map value must satisfy constraint: [Member must have length less than or equal to 256]');
  }
  return tags;
}
