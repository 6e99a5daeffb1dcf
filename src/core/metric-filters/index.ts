/** CloudWatch Logs filter patterns: compile once, match many events. */
export { compilePattern, MAX_PATTERN_LENGTH } from './compile.ts';
export { PatternSyntaxError } from './errors.ts';
export { splitFields } from './split-fields.ts';
export { type PathStep, parseSelector, resolvePath } from './json-path.ts';
export type { CompiledPattern, PatternKind, PatternMatch } from './types.ts';
