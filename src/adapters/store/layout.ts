/**
 * Where the store keeps its files inside a data folder:
 *
 *   DIR/.vpcflow/manifest.json   which parts make up the store, and what they were built from
 *   DIR/.vpcflow/parts/*.parquet the records, normalised (one part per load and record format)
 *   DIR/.vpcflow/tmp/            staging files of a load in progress
 *   DIR/.vpcflow/lock/           held while a load changes the store
 */
import { join, resolve } from 'node:path';

export interface StoreLayout {
  dir: string;
  root: string;
  manifest: string;
  parts: string;
  tmp: string;
  lock: string;
}

export function storeLayout(dir: string): StoreLayout {
  const abs = resolve(dir);
  const root = join(abs, '.vpcflow');
  return { dir: abs, root, manifest: join(root, 'manifest.json'), parts: join(root, 'parts'), tmp: join(root, 'tmp'), lock: join(root, 'lock') };
}

/** The folders `vpcflow run` writes its deliveries into (SCENARIO.md §5). */
export const RUN_OUTPUT_FOLDERS = ['s3', 'cloudwatch', 'firehose'] as const;
