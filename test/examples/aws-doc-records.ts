/**
 * The example records AWS documents, as quoted in the shared reference
 * (aws-flow-logs.md §2.7, "Documented example records (verbatim data)"): every
 * line of every fenced block of that section, in order.
 */
import { readFileSync } from 'node:fs';
import { sharedFile } from '../support/shared-data.ts';

export function awsDocumentedRecords(): string[] {
  const text = readFileSync(sharedFile('reference', 'aws-flow-logs.md'), 'utf8');
  const start = text.indexOf('### 2.7 ');
  const end = text.indexOf('\n## ', start);
  if (start < 0 || end < 0) throw new Error('aws-flow-logs.md has no §2.7 followed by a new section');
  const lines: string[] = [];
  let inBlock = false;
  for (const line of text.slice(start, end).split('\n')) {
    if (line.startsWith('```')) inBlock = !inBlock;
    else if (inBlock) lines.push(line);
  }
  return lines;
}

/** The documented records that contain every one of `parts`; exactly `n` of them, or it throws. */
export function documented(parts: string[], n: number): string[] {
  const found = awsDocumentedRecords().filter((l) => parts.every((p) => l.includes(p)));
  if (found.length !== n) throw new Error(`expected ${n} documented records with ${JSON.stringify(parts)}, found ${found.length}`);
  return found;
}
