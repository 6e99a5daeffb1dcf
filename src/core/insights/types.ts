/**
 * What the compiler works with: SQL expressions with the Insights type of
 * their values, and the relation a query runs over.
 */

/** `time` values are milliseconds since the epoch (BIGINT), shown as `YYYY-MM-DD HH:MM:SS.mmm` UTC. */
export type ValueType = 'string' | 'number' | 'time' | 'bool' | 'null';

export interface Typed {
  readonly sql: string;
  readonly type: ValueType;
  /** Set when the expression is a literal in the query. */
  readonly literal?: string | number;
}

export interface SourceField {
  /** An SQL expression over the source relation. */
  readonly sql: string;
  readonly type: ValueType;
}

/**
 * The log events a query reads: a relation, the fields Insights knows in it
 * (system fields such as `@timestamp`, and discovered ones such as `srcAddr`),
 * and conditions that select the events (log groups, time range).
 * `@timestamp` and `@message` are required.
 */
export interface Source {
  readonly relation: string;
  readonly fields: ReadonlyMap<string, SourceField>;
  readonly where?: readonly string[];
}

export const NULL_VALUE: Typed = { sql: 'NULL', type: 'null' };
