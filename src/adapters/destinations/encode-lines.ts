/**
 * Turns record lines into the bytes of a file, `\n` after every line.
 * Joining in batches keeps each intermediate string small (one huge join of a
 * million lines costs more in GC than it saves) while avoiding a native call per line.
 */
const BATCH = 1024;

export function encodeLines(lines: readonly string[], header?: string): Buffer {
  const parts: Buffer[] = [];
  let total = 0;
  const push = (s: string): void => {
    const b = Buffer.from(s, 'utf8');
    parts.push(b);
    total += b.length;
  };
  if (header !== undefined) push(header + '\n');
  for (let i = 0; i < lines.length; i += BATCH) {
    push(lines.slice(i, i + BATCH).join('\n') + '\n');
  }
  return Buffer.concat(parts, total);
}
