/**
 * A worker thread's code as one script, bundled by esbuild (the compiler tsx
 * itself runs on). A worker that imports its ~150 TypeScript modules one by
 * one through tsx's loader needed well over a second to start on a busy
 * 2-core machine, and the simulation waited for it; esbuild bundles them in
 * under a tenth of a second, in its own process, while this thread loads the
 * scenario. Packages stay outside the bundle and are required from the entry
 * file's place, as its imports would find them. The bundle runs as a vm
 * script, which has no module loader in Node 20: its code may not use a
 * dynamic `import()` (static imports, all bundled or required, are fine).
 */
import { readFile } from 'node:fs/promises';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Plugin, build } from 'esbuild';

export interface ThreadCode {
  /** A function expression of (require, module, exports): the bundle. */
  script: string;
  /** The name the script runs under, which its stack frames show. */
  file: string;
  /** Positions in the script back to the TypeScript sources. */
  map: SourceMap;
}

/**
 * The code a worker started with `threadBoot` runs. The bundle is made once
 * per process and entry.
 */
export function threadCode(entryUrl: string): Promise<ThreadCode> {
  let p = bundles.get(entryUrl);
  if (!p) bundles.set(entryUrl, (p = bundle(entryUrl)));
  return p;
}

const bundles = new Map<string, Promise<ThreadCode>>();

/**
 * The eval'd boot of such a worker: runs the bundle with a `require` that
 * resolves from the entry file. Its workerData is `{ code, input }`; the
 * entry reads `workerData.input`.
 */
export const THREAD_BOOT = `
const { workerData } = require('node:worker_threads');
const { createRequire } = require('node:module');
const run = require('node:vm').runInThisContext(workerData.code.script, { filename: workerData.code.file });
run(createRequire(workerData.code.file), { exports: {} }, {});
`;

async function bundle(entryUrl: string): Promise<ThreadCode> {
  const entry = fileURLToPath(entryUrl);
  const outfile = entry.replace(/\.ts$/, '.bundle.js');
  const r = await build({
    entryPoints: [entry], outfile, bundle: true, format: 'cjs', platform: 'node', target: 'node20', packages: 'external',
    write: false, sourcemap: 'external', sourcesContent: false, logLevel: 'silent', plugins: [ownImportMetaUrl],
  });
  const js = r.outputFiles.find((f) => f.path.endsWith('.js'));
  const map = r.outputFiles.find((f) => f.path.endsWith('.js.map'));
  if (!js || !map) throw new Error(`esbuild gave no script for ${entry}`);
  // One line before the bundle: the map's lines move down by one (an empty first line in its mappings).
  const payload = JSON.parse(map.text) as SourceMapPayload;
  payload.mappings = `;${payload.mappings}`;
  payload.sources = payload.sources.map((s) => new URL(s, pathToFileURL(outfile)).href);
  return { script: `(function (require, module, exports) {\n${js.text}\n})`, file: pathToFileURL(outfile).href, map: new SourceMap(payload) };
}

/**
 * In a CommonJS bundle `import.meta` is empty: each module's `import.meta.url`
 * becomes its own file's URL (what it resolves data files against).
 */
const ownImportMetaUrl: Plugin = {
  name: 'own-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
      const text = await readFile(path, 'utf8');
      return { contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(path).href)), loader: 'ts' };
    });
  },
};

/** A stack from the bundle with its frames at their TypeScript lines (1-based, as stacks show them). */
export function sourceStack(stack: string, code: ThreadCode): string {
  const at = new RegExp(`${escapeRegExp(code.file)}:(\\d+):(\\d+)`, 'g');
  return stack.replace(at, (whole, line: string, column: string) => {
    const e = code.map.findEntry(Number(line) - 1, Number(column) - 1) as { originalSource?: string; originalLine?: number; originalColumn?: number };
    if (e.originalSource === undefined || e.originalLine === undefined || e.originalColumn === undefined) return whole;
    return `${fileURLToPath(e.originalSource)}:${e.originalLine + 1}:${e.originalColumn + 1}`;
  });
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
