/**
 * A scenario or template that cannot be understood. Every such message names
 * the file, the place in it (line and column when known, and always the path
 * of the value), what was expected and what was found (SCENARIO.md §5), so the
 * user can fix it without reading vpcflow's code.
 */
export interface Position {
  line: number;
  column: number;
}

/** Finds where a value sits in its file, given its path (`Resources.Web.Properties.SubnetId`). */
export type Locate = (path: string) => Position | undefined;

export interface ScenarioErrorInit {
  file: string;
  place: string;
  expected: string;
  found: string;
  line?: number | undefined;
  column?: number | undefined;
}

export class ScenarioError extends Error {
  readonly file: string;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly place: string;
  readonly expected: string;
  readonly found: string;

  constructor(init: ScenarioErrorInit) {
    super(formatScenarioError(init));
    this.name = 'ScenarioError';
    this.file = init.file;
    this.line = init.line;
    this.column = init.column;
    this.place = init.place;
    this.expected = init.expected;
    this.found = init.found;
  }
}

export function formatScenarioError(e: ScenarioErrorInit): string {
  const where = e.line !== undefined ? `${e.file}:${e.line}:${e.column ?? 1}` : e.file;
  const place = e.place ? ` ${e.place}:` : '';
  return `${where}:${place} expected ${e.expected}, found ${e.found}`;
}
