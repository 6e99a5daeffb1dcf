/**
 * How CloudWatch and SNS write numbers and times in alarm texts: Java's
 * double notation (`10.0`, `1.0E7`), `2026-01-01T00:31:00.000+0000`,
 * `(01/01/26 00:31:00)` in state reasons, and the long date of alarm emails.
 */

/** A number as Java's Double.toString writes it. */
export function javaDouble(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
  if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(n);
  if (abs >= 1e-3 && abs < 1e7) {
    const s = String(n);
    return s.includes('.') || s.includes('e') ? s : `${s}.0`;
  }
  const [mant, exp] = n.toExponential().split('e') as [string, string];
  return `${mant.includes('.') ? mant : `${mant}.0`}E${exp.replace('+', '')}`;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `2026-01-01T00:31:00.000+0000`: StateChangeTime, queryDate, history timestamps. */
export function cloudWatchTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

/** `2026-01-01T00:31:00.000Z`: SNS envelope timestamps. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** `01/01/26 00:31:00` (day/month/year), as datapoints appear in state reasons. */
export function reasonDate(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCFullYear() % 100)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `Thursday 01 January, 2026 00:31:00 UTC`, as alarm emails write times. */
export function emailDate(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]} ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]}, ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC`;
}

/** A number JSON must write the Java way (`10.0`), see stringifyJava. */
export class JavaDouble {
  constructor(readonly value: number) {}
  toJSON(): string {
    return `\u0000D${javaDouble(this.value)}\u0000`;
  }
}

export const dbl = (n: number): JavaDouble => new JavaDouble(n);

/** JSON.stringify, with JavaDouble values written as bare numbers in Java notation. */
export function stringifyJava(value: unknown): string {
  return JSON.stringify(value).replace(/"\\u0000D([^"\\]*)\\u0000"/g, (_, n: string) => (/^-?\d/.test(n) ? n : `"${n}"`));
}
