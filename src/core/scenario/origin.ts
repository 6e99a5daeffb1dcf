/**
 * Where values come from: a file and a way to find a path in it. The core never
 * reads files; the adapter that parsed them hands over this much.
 */
import { type Locate, ScenarioError } from './errors.ts';
import { type Path, formatPath } from './path.ts';

export interface Origin {
  file: string;
  locate: Locate;
  /** How a path is spelled in this file (an inline `resources` map is the template's `Resources`). */
  rename?: ((path: Path) => Path) | undefined;
}

/** An origin with no positions, for values built in code (tests, the API). */
export function originOf(file: string): Origin {
  return { file, locate: () => undefined };
}

export function errorAt(origin: Origin, path: Path, expected: string, found: string): ScenarioError {
  const shown = origin.rename ? origin.rename(path) : path;
  const place = formatPath(shown);
  const pos = origin.locate(place);
  return new ScenarioError({ file: origin.file, place, expected, found, line: pos?.line, column: pos?.column });
}
