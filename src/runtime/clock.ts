/**
 * The live server's clock. `real` is wall time. `simulated` stands still until
 * `advance` moves it, and is kept in `<data>/clock.json` so that a restart
 * resumes where it stopped (time never runs backwards for a data folder).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomicSync } from '../adapters/destinations/atomic.ts';

export type ClockKind = 'real' | 'simulated';

export interface LiveClock {
  readonly kind: ClockKind;
  /** Milliseconds since the epoch. */
  now(): number;
}

export class RealClock implements LiveClock {
  readonly kind = 'real';
  /** `source` stands in for wall time in tests. */
  constructor(private readonly source: () => number = Date.now) {}
  now(): number {
    return this.source();
  }
}

export class SimulatedClock implements LiveClock {
  readonly kind = 'simulated';
  private ms: number;

  /** `startMs` is used unless the data folder already has a time (a restart). */
  constructor(startMs: number, private readonly dataDir?: string) {
    const saved = dataDir === undefined ? undefined : readSavedTime(clockFile(dataDir));
    this.ms = saved ?? startMs;
  }

  now(): number {
    return this.ms;
  }

  /** Moves the clock forward and saves it before anyone is told. */
  advanceTo(ms: number): void {
    if (ms < this.ms) throw new RangeError('the simulated clock never goes back');
    this.ms = ms;
    if (this.dataDir !== undefined) {
      writeFileAtomicSync(clockFile(this.dataDir), Buffer.from(`${JSON.stringify({ now: new Date(ms).toISOString(), ms })}\n`));
    }
  }
}

const clockFile = (dataDir: string): string => join(dataDir, 'clock.json');

function readSavedTime(file: string): number | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const ms = (JSON.parse(text) as { ms?: unknown }).ms;
  if (typeof ms !== 'number' || !Number.isFinite(ms)) throw new Error(`${file}: expected {"ms": <milliseconds>}, found ${text.trim()}`);
  return ms;
}
