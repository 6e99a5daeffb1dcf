/**
 * The fast way in for scenarios written as JSON (generated ones usually are):
 * JSON.parse reads a large file in a millisecond where the YAML parser, which
 * also records every value's position, takes a few hundred. JSON is YAML, so
 * the value is the same either way; the one difference, a key written twice
 * (JSON.parse keeps the last, the YAML reader refuses it), is checked here,
 * and such a file takes the YAML way to get its message.
 */

/** The value of `text` if it is JSON without repeated keys in any object; otherwise undefined. */
export function parseJsonScenario(text: string): unknown {
  // After a byte-order mark, if any.
  const start = nonSpaceFrom(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
  // Only an object can be a scenario or a template; anything else gets the YAML reader's message.
  if (text.charCodeAt(start) !== 0x7b /* { */) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return hasRepeatedKey(text, start) ? undefined : value;
}

/**
 * Whether some object of the (valid) JSON text names a key twice. Strings
 * are skipped as a whole; a string is a key when the next token is a colon.
 */
function hasRepeatedKey(text: string, from: number): boolean {
  // The keys seen so far in each open object; arrays hold undefined.
  const open: (Set<string> | undefined)[] = [];
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b /* { */) open.push(new Set());
    else if (c === 0x5b /* [ */) open.push(undefined);
    else if (c === 0x7d /* } */ || c === 0x5d /* ] */) open.pop();
    else if (c === 0x22 /* " */) {
      const end = stringEnd(text, i);
      const keys = open[open.length - 1];
      if (keys !== undefined && text.charCodeAt(nonSpaceFrom(text, end + 1)) === 0x3a /* : */) {
        const raw = text.slice(i + 1, end);
        // Escapes spell the same key more than one way: compare what they mean.
        const key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
        if (keys.has(key)) return true;
        keys.add(key);
      }
      i = end;
    }
  }
  return false;
}

/** Index of the quote that closes the string opening at `at`. */
function stringEnd(text: string, at: number): number {
  for (let i = at + 1; ; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c /* \ */) i++;
    else if (c === 0x22) return i;
  }
}

/** Index of the first character from `i` on that is not JSON whitespace. */
function nonSpaceFrom(text: string, i: number): number {
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
  }
  return i;
}
