/**
 * The syntax tree of a Logs Insights query. Every node keeps its place in the
 * query text (character offsets) so later errors can point at it.
 */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export type BinaryOp = '+' | '-' | '*' | '/' | '%' | '^' | '=' | '!=' | '<' | '<=' | '>' | '>=' | 'and' | 'or';

export type Expr =
  | { readonly kind: 'num'; readonly value: number; readonly text: string; readonly span: Span }
  | { readonly kind: 'str'; readonly value: string; readonly span: Span }
  | { readonly kind: 'regex'; readonly source: string; readonly span: Span }
  | { readonly kind: 'period'; readonly text: string; readonly span: Span }
  | { readonly kind: 'field'; readonly name: string; readonly span: Span }
  | { readonly kind: 'star'; readonly span: Span }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly Expr[]; readonly span: Span; readonly nameSpan: Span }
  | { readonly kind: 'neg'; readonly arg: Expr; readonly span: Span }
  | { readonly kind: 'not'; readonly arg: Expr; readonly span: Span }
  | { readonly kind: 'binary'; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr; readonly span: Span }
  | { readonly kind: 'match'; readonly op: 'like' | '=~'; readonly negated: boolean; readonly left: Expr; readonly pattern: Expr; readonly span: Span }
  | { readonly kind: 'in'; readonly negated: boolean; readonly left: Expr; readonly items: readonly Expr[]; readonly span: Span };

/** `expr [as alias]`; `text` is the expression as written, the output name when there is no alias. */
export interface Projection {
  readonly expr: Expr;
  readonly alias?: string;
  readonly text: string;
  readonly span: Span;
}

export interface SortKey {
  readonly expr: Expr;
  readonly desc: boolean;
  readonly span: Span;
}

export interface Name {
  readonly name: string;
  readonly span: Span;
}

export type ParsePattern =
  | { readonly kind: 'glob'; readonly text: string; readonly span: Span }
  | { readonly kind: 'regex'; readonly source: string; readonly span: Span };

export type Command =
  | { readonly kind: 'fields'; readonly items: readonly Projection[]; readonly span: Span }
  | { readonly kind: 'display'; readonly items: readonly Projection[]; readonly span: Span }
  | { readonly kind: 'filter'; readonly cond: Expr; readonly span: Span }
  | { readonly kind: 'stats'; readonly items: readonly Projection[]; readonly by: readonly Projection[]; readonly span: Span }
  | { readonly kind: 'sort'; readonly keys: readonly SortKey[]; readonly span: Span }
  | { readonly kind: 'limit'; readonly count: number; readonly span: Span }
  | { readonly kind: 'parse'; readonly source: Expr; readonly pattern: ParsePattern; readonly names: readonly Name[]; readonly span: Span }
  | { readonly kind: 'dedup'; readonly fields: readonly Name[]; readonly span: Span };

export interface Query {
  readonly source: string;
  readonly commands: readonly Command[];
}

export const COMMANDS = ['display', 'fields', 'filter', 'stats', 'sort', 'limit', 'parse', 'dedup'] as const;
