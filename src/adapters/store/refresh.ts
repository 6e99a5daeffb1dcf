/**
 * Keeps the store in step with the `vpcflow run` outputs in its folder: their
 * paths, sizes and modification times are compared with those the manifest
 * recorded at the last load, and any difference reloads them all (a run
 * rewrites its folder as a whole, so partial reloads would buy little).
 * resources.json is fingerprinted with them: it gives the formats the
 * CloudWatch and Firehose records are read in.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { emptyReport, type IngestReport } from '../../core/ingest/report.ts';
import { loadIntoStore, relativeSource } from '../ingest/engine.ts';
import { isServeDataFolder, runOutputFiles, serveRegionFolders } from '../ingest/inputs.ts';
import { readRunFormats, RESOURCES_FILE } from '../ingest/run-formats.ts';
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
  // A serve data folder has a resources.json per region; a run folder one at its top.
  const serve = isServeDataFolder(layout.dir);
  const resources = (serve ? serveRegionFolders(layout.dir) : [layout.dir]).map((d) => join(d, RESOURCES_FILE)).filter((f) => existsSync(f));
  const now = stamps(layout.dir, [...files, ...resources]);
  const manifest = existsSync(layout.manifest) ? readManifest(layout.manifest) : undefined;
  if (manifest ? sameStamps(now, manifest.run?.files ?? []) : files.length === 0) return undefined;
  // Left without formatsFor, the load reads a serve folder's files in their own region's resources.json
  // (engine.ts); a run folder's is read here, first, so that what it reports leads the warnings.
  const { formatsFor, warnings } = serve ? { formatsFor: undefined, warnings: [] } : readRunFormats(layout.dir);
  const report = await loadIntoStore(layout.dir, files, { origin: 'run', sourceName: relativeSource(layout.dir), runFiles: now, formatsFor }, { ...emptyReport(), warnings });
  return report.unchanged ? undefined : report;
}
