/** Reading a snapshot file (merged `aws ec2 describe-*` JSON) for `diagnose --config`. */
import { readFile } from 'node:fs/promises';
import { importSnapshot } from '../../core/snapshot/import.ts';
import type { Network } from '../../core/model/network.ts';
import { SnapshotError } from '../../core/snapshot/errors.ts';

export async function readSnapshotFile(file: string): Promise<Network> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new SnapshotError(`${file}: cannot read it (${(e as Error).message})`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new SnapshotError(`${file}: not JSON (${(e as Error).message})`);
  }
  return importSnapshot(doc, { name: file }).net;
}
