/**
 * A log event cut into space-delimited fields, as metric filters and
 * Contributor Insights (CLF) read it: blanks separate fields, and the text
 * between `[` and `]` or between two double quotes is one field (without
 * the brackets or quotes).
 */
export function splitFields(message: string): string[] {
  // Flow log records have neither brackets nor quotes: the common case is one split.
  if (message.indexOf('"') < 0 && message.indexOf('[') < 0) {
    const parts = message.split(' ');
    if (parts.indexOf('') < 0 && message.indexOf('\t') < 0) return parts;
  }
  const out: string[] = [];
  const n = message.length;
  let i = 0;
  while (i < n) {
    while (i < n && (message[i] === ' ' || message[i] === '\t')) i++;
    if (i >= n) break;
    const c = message[i]!;
    if (c === '"' || c === '[') {
      const close = message.indexOf(c === '"' ? '"' : ']', i + 1);
      const end = close < 0 ? n : close;
      out.push(message.slice(i + 1, end));
      i = end + 1;
      continue;
    }
    let j = i;
    while (j < n && message[j] !== ' ' && message[j] !== '\t') j++;
    out.push(message.slice(i, j));
    i = j;
  }
  return out;
}
