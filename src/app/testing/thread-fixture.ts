/** A worker entry for thread-code.test.ts: answers with what it sees, then fails on a known line. */
import { parentPort, workerData } from 'node:worker_threads';
import { stringify } from 'yaml';

const input = (workerData as { input: { say: string } }).input;
parentPort!.postMessage({ url: import.meta.url, yaml: stringify({ said: input.say }).trim() });
setTimeout(() => fail(input.say), 0);

function fail(why: string): never {
  throw new Error(`the fixture fails: ${why}`); // line 10: the test looks for it
}
