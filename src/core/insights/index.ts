/** CloudWatch Logs Insights queries compiled to DuckDB SQL (pure: no I/O). */
export type { Command, Expr, Query } from './ast.ts';
export { compileQuery, DEFAULT_LIMIT, type CompiledQuery, type CompileOptions, type OutputField } from './compile.ts';
export { InsightsQueryError } from './errors.ts';
export { DISCOVERED_FLOW_LOG_FIELDS, SYSTEM_FIELDS, type InsightsField } from './flow-log-fields.ts';
export { MAX_LIMIT, parseQuery } from './parser.ts';
export type { Source, SourceField, ValueType } from './types.ts';
