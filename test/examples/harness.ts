/**
 * Golden runs of the examples: run a scenario in-process into a temporary
 * folder, turn every output file into comparable text, and compare it with the
 * committed goldens under test/golden/examples/ (UPDATE_GOLDEN=1 rewrites them).
 *
 * How each file is compared:
 * - S3 text objects (`.log.gz`): decompressed, as text (golden `<path>.txt`);
 * - S3 Parquet objects: read back with DuckDB as rows, with the column types
 *   (golden `<path>.rows.txt`: one header line, then one JSON array per row);
 * - everything else (CloudWatch `.jsonl`, Firehose `.log`, summary.json,
 *   resources.json): as text, under the same path.
 * The golden folder also holds `files.txt`, the list of output files, so a
 * missing or extra file fails too.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { runScenario, type RunResult } from '../../src/app/run-scenario.ts';
import { REPO_ROOT } from '../support/shared-data.ts';

export const GOLDEN_ROOT = join(REPO_ROOT, 'test', 'golden', 'examples');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

/** A fresh temporary folder (under os.tmpdir()) that `cleanup` removes. */
export function tempFolder(): { path: string; cleanup: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'vpcflow-examples-'));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

/** Runs an example scenario (path relative to the repository) into `out`. */
export function runExample(scenario: string, out: string): Promise<RunResult> {
  return runScenario({ scenario: join(REPO_ROOT, scenario), out });
}

/** Every file under `dir`, as sorted slash-separated relative paths. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

const jsonValue = (v: unknown): unknown => (typeof v === 'bigint' ? (Number.isSafeInteger(Number(v)) ? Number(v) : String(v)) : v);

/** A Parquet object's columns (name and DuckDB type) and rows, as lines of text. */
export async function parquetAsText(path: string): Promise<string> {
  const instance = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
  try {
    const con = await instance.connect();
    try {
      // hive_partitioning off: the columns are the file's own, not the key=value folders above it.
      const r = await con.runAndReadAll(`SELECT * FROM read_parquet('${path.replace(/'/g, "''")}', hive_partitioning = false)`);
      const types = r.columnTypes().map(String);
      const header = r.columnNames().map((n, i) => `${n}:${types[i]}`).join(' ');
      const rows = r.getRowsJS().map((row) => JSON.stringify(row.map(jsonValue)));
      return `${[header, ...rows].join('\n')}\n`;
    } finally {
      con.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}

/** The golden name and comparable text of one output file. */
export async function comparable(dir: string, rel: string): Promise<{ golden: string; text: string }> {
  const path = join(dir, rel);
  if (rel.endsWith('.gz')) return { golden: `${rel}.txt`, text: gunzipSync(readFileSync(path)).toString('utf8') };
  if (rel.endsWith('.parquet')) return { golden: `${rel}.rows.txt`, text: await parquetAsText(path) };
  return { golden: rel, text: readFileSync(path, 'utf8') };
}

/** Compares a run's output folder with test/golden/examples/<name>/, or rewrites that folder under UPDATE_GOLDEN=1. */
export async function assertMatchesGolden(name: string, outDir: string): Promise<void> {
  const goldenDir = join(GOLDEN_ROOT, name);
  const files = listFiles(outDir);
  const expected = new Map<string, string>([['files.txt', `${files.join('\n')}\n`]]);
  for (const rel of files) {
    const { golden, text } = await comparable(outDir, rel);
    expected.set(golden, text);
  }
  if (UPDATE) {
    rmSync(goldenDir, { recursive: true, force: true });
    for (const [rel, text] of expected) {
      const p = join(goldenDir, ...rel.split('/'));
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, text);
    }
    return;
  }
  let present: string[];
  try {
    present = listFiles(goldenDir);
  } catch {
    assert.fail(`no goldens for ${name} in ${goldenDir} (run with UPDATE_GOLDEN=1 to create them)`);
  }
  assert.deepEqual(present, [...expected.keys()].sort(), `${name}: the output files differ from the goldens' list (files.txt)`);
  for (const [rel, text] of expected) {
    assert.equal(text, readFileSync(join(goldenDir, ...rel.split('/')), 'utf8'), `${name}: ${rel} differs from its golden`);
  }
}

/** Runs a scenario twice and checks that every output file is byte-identical. */
export async function assertDeterministic(scenario: string): Promise<void> {
  const a = tempFolder(), b = tempFolder();
  try {
    await runExample(scenario, join(a.path, 'out'));
    await runExample(scenario, join(b.path, 'out'));
    const fa = listFiles(join(a.path, 'out')), fb = listFiles(join(b.path, 'out'));
    assert.deepEqual(fa, fb, `${scenario}: two runs wrote different files`);
    for (const rel of fa) {
      assert.ok(readFileSync(join(a.path, 'out', rel)).equals(readFileSync(join(b.path, 'out', rel))), `${scenario}: ${rel} differs between two runs`);
    }
  } finally {
    a.cleanup();
    b.cleanup();
  }
}

/**
 * Declares the two tests every example has, named `<name>: …`: its output
 * matches the goldens under `name`, and two runs write the same bytes.
 */
export function goldenAndDeterminismTests(name: string, scenario: string): void {
  test(`${name}: every output file matches its golden`, async () => {
    await withRun(scenario, (out) => assertMatchesGolden(name, out));
  });
  test(`${name}: two runs write byte-identical files`, async () => {
    await assertDeterministic(scenario);
  });
}

/** Runs a scenario into a temporary folder and hands the folder to `check`, then removes it. */
export async function withRun<T>(scenario: string, check: (outDir: string, result: RunResult) => Promise<T>): Promise<T> {
  const t = tempFolder();
  try {
    const out = join(t.path, 'out');
    const result = await runExample(scenario, out);
    return await check(out, result);
  } finally {
    t.cleanup();
  }
}

/** The record lines of every S3 text object of a run (header lines left out), in file order. */
export function s3TextRecords(outDir: string): string[] {
  return listFiles(outDir).filter((f) => f.endsWith('.log.gz')).flatMap((f) => gunzipSync(readFileSync(join(outDir, f))).toString('utf8').trimEnd().split('\n').slice(1));
}
