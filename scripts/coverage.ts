/**
 * Writes COVERAGE.md: every action of every service the server registers,
 * read from the services' own handler tables. `--check` only compares, and
 * fails if the file is out of date (a test does the same).
 *
 *   npx tsx scripts/coverage.ts [--check]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RUNTIME_ENDPOINTS } from '../src/runtime/routes.ts';
import { SERVICES } from '../src/server/services.ts';
import type { Service } from '../src/server/types.ts';

export const COVERAGE_FILE = fileURLToPath(new URL('../COVERAGE.md', import.meta.url));

export function renderCoverage(services: readonly Service[] = SERVICES): string {
  const lines = [
    '# Coverage',
    '',
    'The AWS API actions `vpcflow serve` implements, generated from the handler tables by',
    '`npx tsx scripts/coverage.ts`; do not edit by hand. An action not listed here answers',
    '`InvalidAction` (or the protocol\'s equivalent). Describe actions list the filters they take;',
    'any other filter name is an error that names it.',
  ];
  for (const s of services) {
    const entries = s.coverage();
    lines.push('', `## ${s.title}`, '', `${entries.length} actions.`, '');
    for (const e of entries) lines.push(`- [x] ${e.action}${e.notes ? ` (${e.notes})` : ''}`);
  }
  lines.push('', '## vpcflow\'s own endpoints (JSON; AWS has no API for traffic and time)', '');
  for (const e of Object.values(RUNTIME_ENDPOINTS)) lines.push(`- [x] \`${e.method} ${e.path}\`: ${e.summary}`);
  return `${lines.join('\n')}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = renderCoverage();
  if (process.argv.includes('--check')) {
    let current = '';
    try { current = readFileSync(COVERAGE_FILE, 'utf8'); } catch { /* missing counts as out of date */ }
    if (current !== text) {
      process.stderr.write('COVERAGE.md is out of date: run npx tsx scripts/coverage.ts\n');
      process.exit(1);
    }
  } else writeFileSync(COVERAGE_FILE, text);
}
