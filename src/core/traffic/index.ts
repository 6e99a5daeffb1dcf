/** The traffic simulator's public face, for the runner. */
export type { DataPlane } from './dataplane.ts';
export { TrafficError } from './errors.ts';
export type { SimulationHooks, SimulationInput, SimulationTotals, TrafficSettings } from './simulate.ts';
export { checkTraffic, simulate, Simulation } from './simulate.ts';
