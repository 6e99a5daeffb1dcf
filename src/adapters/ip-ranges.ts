/**
 * Loads AWS address ranges for pkt-*-aws-service: the subset bundled in
 * data/aws-ip-ranges.json, or a user's copy of AWS's ip-ranges.json.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type AwsServiceIndex, type IpRangesJson, buildAwsServiceIndex } from '../core/flows/aws-services.ts';

export const BUNDLED_IP_RANGES_PATH = fileURLToPath(new URL('../../data/aws-ip-ranges.json', import.meta.url));

export function readIpRanges(path: string = BUNDLED_IP_RANGES_PATH): IpRangesJson {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`cannot read AWS ip ranges from ${path}: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text) as IpRangesJson;
  } catch (e) {
    throw new Error(`${path} is not JSON (expected AWS's ip-ranges.json): ${(e as Error).message}`);
  }
}

const loaded = new Map<string, AwsServiceIndex>();

/** The service lookup for a ranges file (the bundled one by default); parsed once per path. */
export function loadAwsServices(path: string = BUNDLED_IP_RANGES_PATH): AwsServiceIndex {
  let index = loaded.get(path);
  if (!index) {
    try {
      index = buildAwsServiceIndex(readIpRanges(path));
    } catch (e) {
      const msg = (e as Error).message;
      throw new Error(msg.includes(path) ? msg : `${path}: ${msg}`);
    }
    loaded.set(path, index);
  }
  return index;
}
