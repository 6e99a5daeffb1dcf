/** Identifiers SNS and CloudWatch make up (message ids, subscription ids), drawn from the seed. */
import { rngFor } from '../random.ts';

/** A version-4 UUID shape, the same for the same seed and purpose. */
export function seededUuid(seed: string | number, purpose: string): string {
  const h = rngFor(seed, purpose).hex(32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[parseInt(h[16]!, 16) & 3]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
