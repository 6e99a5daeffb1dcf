/**
 * Loading a store's groups from its folder at startup: every group folder
 * under `cloudwatch/` (with or without `.group.json`, so a `vpcflow run`
 * output loads too) and every stream file in it.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadEventsFile } from './load-events.ts';
import { LogGroup } from './log-group.ts';
import { LogStream } from './log-stream.ts';
import { readMeta } from './meta-file.ts';
import { EVENTS_SUFFIX, META_FILE, cloudwatchDir, decodeSegment } from './paths.ts';

export interface LoadReport { groups: number; events: number; skippedLines: number; tornLines: number }

export function loadGroups(root: string, into: Map<string, LogGroup>): LoadReport {
  const report: LoadReport = { groups: 0, events: 0, skippedLines: 0, tornLines: 0 };
  const dir = cloudwatchDir(root);
  if (!existsSync(dir)) return report;
  for (const folder of readdirSync(dir).sort()) {
    const gdir = join(dir, folder);
    if (folder.startsWith('.') || !statSync(gdir).isDirectory()) continue;
    const name = decodeSegment(folder);
    if (name === undefined) continue;
    const meta = readMeta(join(gdir, META_FILE));
    const g = new LogGroup(name, meta?.creationTime ?? Math.floor(statSync(gdir).mtimeMs));
    if (meta) {
      g.retentionInDays = meta.retentionInDays;
      g.tags = meta.tags;
      g.metricFilters = meta.metricFilters;
      for (const [s, created] of Object.entries(meta.streams)) g.streams.set(s, new LogStream(s, created));
    }
    for (const file of readdirSync(gdir).sort()) {
      if (file.startsWith('.') || !file.endsWith(EVENTS_SUFFIX)) continue;
      const sname = decodeSegment(file.slice(0, -EVENTS_SUFFIX.length));
      if (sname === undefined) continue;
      const path = join(gdir, file);
      const loaded = loadEventsFile(path, true);
      let s = g.streams.get(sname);
      if (!s) {
        const created = loaded.events[0]?.ingestionTime ?? Math.floor(statSync(path).mtimeMs);
        g.streams.set(sname, (s = new LogStream(sname, created)));
      }
      s.add(loaded.events);
      report.events += loaded.events.length;
      report.skippedLines += loaded.skipped;
      if (loaded.tornBytes > 0) report.tornLines++;
    }
    into.set(name, g);
    report.groups++;
  }
  return report;
}
