/**
 * Keeps the store in step with the `vpcflow run` outputs in its folder: their
 * paths, sizes and modification times are compared with those the manifest
 * recorded at the last load, and any difference reloads them all (a run
 * rewrites its folder as a whole, so partial reloads would buy little).
 */
import { existsSync, statSync } from 'node:fs';
import type { IngestReport } from '../../core/ingest/report.ts';
import { loadIntoStore, relativeSource } from '../ingest/engine.ts';
import { runOutputFiles } from '../ingest/inputs.ts';
import { storeLayout } from './layout.ts';
import { readManifest, sameStamps, type FileStamp } from './manifest.ts';

function stamps(dir: string, files: readonly string[]): FileStamp[] {
  const name = relativeSource(dir);
  return files.map((f) => {
    const st = statSync(f);
    return { path: name(f), size: st.size, mtimeMs: st.mtimeMs };
  });
}

/**
 * Loads the run outputs if they changed; returns what that load reported, or
 * undefined when nothing changed (or another process loaded them meanwhile).
 */
export async function refreshRunOutputs(dir: string): Promise<IngestReport | undefined> {
  const layout = storeLayout(dir);
  const files = runOutputFiles(layout.dir);
  const now = stamps(layout.dir, files);
  const manifest = existsSync(layout.manifest) ? readManifest(layout.manifest) : undefined;
  if (manifest ? sameStamps(now, manifest.run?.files ?? []) : files.length === 0) return undefined;
  const report = await loadIntoStore(layout.dir, files, { origin: 'run', sourceName: relativeSource(layout.dir), runFiles: now });
  return report.unchanged ? undefined : report;
}
