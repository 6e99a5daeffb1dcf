/**
 * `vpcflow serve --scenario FILE`: the server's region starts from the
 * scenario's network. The data folder remembers which network it started from
 * (`<data>/scenario.json`: the file, the start used, and a hash of the network
 * as built), because the EC2 journal replays on top of that network: a
 * restart from another network, or from none, would replay calls onto the
 * wrong resources, so it is refused.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeFileAtomicSync } from '../adapters/destinations/atomic.ts';
import { loadScenario } from '../adapters/scenario/index.ts';
import type { LoadedScenario } from '../core/scenario/types.ts';
import { networkFingerprint } from '../server/ec2-journal.ts';

interface Recorded { file: string; start: string; network: string }

const recordFile = (dataDir: string): string => join(dataDir, 'scenario.json');

function readRecord(dataDir: string): Recorded | undefined {
  let text: string;
  try {
    text = readFileSync(recordFile(dataDir), 'utf8');
  } catch {
    return undefined;
  }
  return JSON.parse(text) as Recorded;
}

/** The EC2 journal's own fingerprint of an adopted network, so both checks agree on what "the same network" is. */
const networkHash = (s: LoadedScenario): string => networkFingerprint(s.network.net);

export class ScenarioMismatchError extends Error {}

/**
 * Loads the scenario the server starts from. `start` (ISO) replaces the
 * scenario's own on a fresh data folder (the real clock starts the network
 * now); on a restart the recorded start is used, so the network is rebuilt
 * exactly as it first was.
 */
export async function scenarioForServe(file: string | undefined, dataDir: string | undefined, start: string | undefined): Promise<LoadedScenario | undefined> {
  const recorded = dataDir === undefined ? undefined : readRecord(dataDir);
  if (file === undefined) {
    if (recorded) throw new ScenarioMismatchError(`${dataDir} was started from the scenario ${recorded.file}: start it with --scenario ${recorded.file} again, or use another --data folder`);
    return undefined;
  }
  const loaded = await loadScenario(file, recorded ? { start: recorded.start } : start !== undefined ? { start } : undefined);
  const network = networkHash(loaded);
  if (recorded && recorded.network !== network) {
    throw new ScenarioMismatchError(`${dataDir} was started from ${recorded.file} with another network than ${file} now builds: use the same scenario and template, or another --data folder`);
  }
  if (dataDir !== undefined && !recorded) {
    const iso = new Date(loaded.settings.start * 1000).toISOString().replace('.000Z', 'Z');
    writeFileAtomicSync(recordFile(dataDir), Buffer.from(`${JSON.stringify({ file: resolve(file), start: iso, network }, null, 2)}\n`));
  }
  return loaded;
}
