/** Reading a scenario and its template from disk: the only file I/O of scenario loading. */
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import { type ScenarioInput, compileScenario } from '../../core/scenario/compile.ts';
import { isMapping } from '../../core/scenario/describe.ts';
import { type Locate, ScenarioError } from '../../core/scenario/errors.ts';
import { type Origin, errorAt } from '../../core/scenario/origin.ts';
import type { LoadedScenario, ScenarioOverrides } from '../../core/scenario/types.ts';
import { parseJsonScenario } from './json.ts';
import { makeLocate } from './locate.ts';
import { parseYaml } from './yaml.ts';

interface Loaded {
  doc: unknown;
  origin: Origin;
}

/**
 * Parses scenario text already in memory (the file name is for messages).
 * JSON takes the fast way; its positions are found (by the YAML reader) only
 * if a message needs one.
 */
export function parseFile(text: string, file: string): Loaded {
  const json = parseJsonScenario(text);
  if (json !== undefined) {
    let locate: Locate | undefined;
    return { doc: json, origin: { file, locate: (path) => (locate ??= makeLocate(parseYaml(text, file).positions))(path) } };
  }
  const { value, positions } = parseYaml(text, file);
  return { doc: value, origin: { file, locate: makeLocate(positions) } };
}

function reason(e: unknown): string {
  const code = (e as { code?: string }).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'a file without permission to read it';
  return e instanceof Error ? e.message : String(e);
}

export async function loadScenario(path: string, overrides?: ScenarioOverrides): Promise<LoadedScenario> {
  return compileScenario({ ...(await readScenario(path)), overrides });
}

/** A scenario file and the template it names, read and parsed: compileScenario builds a network from them, as often as needed. */
export type ScenarioFiles = Omit<ScenarioInput, 'overrides'>;

export async function readScenario(path: string): Promise<ScenarioFiles> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new ScenarioError({ file: path, place: '', expected: 'a readable scenario file', found: reason(e) });
  }
  const scenario = parseFile(text, path);
  const doc = scenario.doc;
  let template: Loaded | undefined;
  if (isMapping(doc) && typeof doc.template === 'string' && doc.template !== '' && doc.resources === undefined) {
    // The template's path is relative to the scenario file.
    const file = isAbsolute(doc.template) ? doc.template : join(dirname(path), doc.template);
    let body: string;
    try {
      body = await readFile(file, 'utf8');
    } catch (e) {
      throw errorAt(scenario.origin, ['template'], 'the path of a readable template file, relative to the scenario', `"${doc.template}" (${file}: ${reason(e)})`);
    }
    template = parseFile(body, file);
  }
  return { doc, origin: scenario.origin, template };
}
