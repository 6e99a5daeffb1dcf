/** What a compiled filter pattern offers: metric filters, FilterLogEvents and TestMetricFilter use the same API. */

/** The values a match extracted, and a way to read one for MetricValue or a dimension. */
export interface PatternMatch {
  /**
   * Extracted values as TestMetricFilter reports them (`extractedValues`):
   * `$name` for named space-delimited fields, `$N` (1-based) for unnamed
   * ones, `$.path` for the selectors of a JSON pattern. Empty for term patterns.
   */
  readonly fields: Readonly<Record<string, string>>;
  /**
   * The value `ref` names in this event: `$name` or `$N` (space-delimited
   * fields) or `$.path` (JSON). undefined when the event has no such value.
   */
  value(ref: string): string | number | boolean | null | undefined;
}

export type PatternKind = 'all' | 'terms' | 'delimited' | 'json';

export interface CompiledPattern {
  readonly text: string;
  readonly kind: PatternKind;
  /** Whether the message matches (the fast path: nothing is extracted). */
  test(message: string): boolean;
  /** The match with its extracted values, or false. */
  match(message: string): PatternMatch | false;
  /** Whether `ref` (`$name`, `$N`, `$.path`) can name a value in events this pattern matches. */
  canReference(ref: string): boolean;
}

export const NO_FIELDS: PatternMatch = Object.freeze({ fields: Object.freeze({}), value: () => undefined });
