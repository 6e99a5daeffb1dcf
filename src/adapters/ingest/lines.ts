/** The lines of a (decompressed) input, numbered from 1, without their LF or CR. */
import type { InputFile } from './reader.ts';

export async function* numberedLines(input: InputFile): AsyncGenerator<{ no: number; text: string }> {
  let carry = '';
  let no = 0;
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of input.chunks()) {
    const text = carry + decoder.decode(chunk, { stream: true });
    const parts = text.split('\n');
    carry = parts.pop()!;
    for (const p of parts) yield { no: ++no, text: p.endsWith('\r') ? p.slice(0, -1) : p };
  }
  const rest = carry + decoder.decode();
  if (rest !== '') yield { no: ++no, text: rest.endsWith('\r') ? rest.slice(0, -1) : rest };
}
