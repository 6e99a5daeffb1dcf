/** Loading scenarios from files. */
export { loadScenario, parseFile } from './load.ts';
export { ScenarioError } from '../../core/scenario/errors.ts';
export type { LoadedScenario, ScenarioOverrides, ScenarioSettings } from '../../core/scenario/types.ts';
