/**
 * Splits text holding one or more JSON values (a document, values
 * concatenated with no separator as Firehose delivers CloudWatch payloads, or
 * one value per line) into the values' texts and the lines they start on.
 */
export interface JsonSlice { text: string; line: number }

export type SplitResult = { ok: true; values: JsonSlice[] } | { ok: false; line: number; reason: string };

export function splitJsonValues(text: string): SplitResult {
  const values: JsonSlice[] = [];
  let depth = 0, inString = false, escaped = false, start = -1, startLine = 1, line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    if (inString) {
      if (escaped) escaped = false;
      else if (c === 92) escaped = true;
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) { inString = true; if (depth === 0 && start < 0) return { ok: false, line, reason: 'a JSON string outside any object' }; continue; }
    if (c === 123 || c === 91) {
      if (depth === 0) { start = i; startLine = line; }
      depth++;
    } else if (c === 125 || c === 93) {
      depth--;
      if (depth < 0) return { ok: false, line, reason: `an unmatched "${String.fromCharCode(c)}"` };
      if (depth === 0) { values.push({ text: text.slice(start, i + 1), line: startLine }); start = -1; }
    } else if (depth === 0 && c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 44) {
      return { ok: false, line, reason: `unexpected "${text[i]}" between JSON values` };
    }
  }
  if (depth > 0 || inString) return { ok: false, line: startLine, reason: 'the JSON value starting here is cut short (truncated file?)' };
  return { ok: true, values };
}
