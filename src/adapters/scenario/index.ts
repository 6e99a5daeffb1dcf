/** Loading scenarios from files. */
export { type ScenarioFiles, loadScenario, parseFile, readScenario } from './load.ts';
export { ScenarioError } from '../../core/scenario/errors.ts';
export type { LoadedScenario, ScenarioOverrides, ScenarioSettings } from '../../core/scenario/types.ts';
