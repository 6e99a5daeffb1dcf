/** What compiling an expression needs from the command around it. */
import type { Expr } from './ast.ts';
import type { Typed } from './types.ts';

export interface ExprContext {
  /** The query text, for error positions. */
  readonly query: string;
  /** The value of a field here; NULL_VALUE for a field no event has. */
  lookup(name: string): Typed;
  /** Set while compiling the outputs of stats: aggregations are allowed, bare fields are not. */
  readonly stats?: { readonly timestamp: Typed | undefined };
  /** Regular expressions met, with their offset in the query, for checking before the query runs. */
  readonly regexes: { pattern: string; offset: number }[];
}

export type Compile = (e: Expr, ctx: ExprContext) => Typed;
