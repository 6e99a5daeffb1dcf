/** A traffic item (or `listen` entry) that cannot be run, named by its place in the scenario. */
export class TrafficError extends Error {
  constructor(readonly place: string, readonly detail: string) {
    super(`${place}: ${detail}`);
    this.name = 'TrafficError';
  }
}
