/**
 * The order CloudFormation creates resources in: every resource after the ones
 * it depends on; among those ready at the same time, template order, so that
 * the same template always builds the same network with the same ids.
 */
export type OrderResult = { order: string[] } | { cycle: string[] };

export function creationOrder(ids: readonly string[], deps: ReadonlyMap<string, ReadonlySet<string>>): OrderResult {
  const done = new Set<string>();
  const order: string[] = [];
  const waiting = [...ids];
  while (waiting.length) {
    const i = waiting.findIndex((id) => [...(deps.get(id) ?? [])].every((d) => done.has(d)));
    if (i < 0) return { cycle: findCycle(waiting, deps) };
    const [id] = waiting.splice(i, 1);
    done.add(id!);
    order.push(id!);
  }
  return { order };
}

/** Every waiting resource waits on another waiting one, so following those edges must come back round. */
function findCycle(waiting: readonly string[], deps: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const pending = new Set(waiting);
  const path: string[] = [];
  let at = waiting[0]!;
  while (!path.includes(at)) {
    path.push(at);
    at = waiting.find((w) => deps.get(at)?.has(w) && pending.has(w))!;
  }
  return [...path.slice(path.indexOf(at)), at];
}
