/**
 * The format of a headerless record line when the flow logs that deliver to
 * one place (a CloudWatch Logs stream, a Firehose delivery stream) do not all
 * share one format. A line fits a format when it has as many fields and every
 * token can be a value of its field (field-check.ts). When several formats fit,
 * the first wins: candidates come in the order of the flow logs in the run's
 * resources.json, so the flow log listed first is preferred. That is a guess
 * only for lines that both formats read without a fault, e.g. formats that
 * differ only in the order of srcport and dstport.
 */
import { fieldFits, fieldValueProblem } from './field-check.ts';
import type { Format } from './format.ts';
import { tokenize } from './record.ts';

/** A format that some flow logs delivering to a place use, with their ids. */
export interface CandidateFormat { format: Format; flowLogIds: readonly string[] }

/** The formats that may be found in one place, in the order their flow logs are listed. */
export interface Candidates {
  /** The place, for messages: `log group /vpc/x`, `delivery stream s`. */
  where: string;
  formats: readonly CandidateFormat[];
}

export type Choice =
  | { ok: true; candidate: CandidateFormat; index: number }
  | { ok: false; reason: string };

const ids = (c: CandidateFormat): string => c.flowLogIds.join(', ');

/** The first fault of `tokens` read in `format`, or null. */
function problemIn(tokens: readonly string[], format: Format): string | null {
  for (let i = 0; i < tokens.length; i++) {
    const p = fieldValueProblem(format[i]!, tokens[i]!);
    if (p !== null) return p;
  }
  return null;
}

/** One predicate per field of each candidate, made once for all the lines of a place. */
type Tests = readonly (readonly ((tok: string) => boolean)[])[];
const testsOf = (candidates: Candidates): Tests => candidates.formats.map((c) => c.format.map(fieldFits));

/** Why no candidate fits (only worked out for the lines that need it). */
function noFit(tokens: readonly string[], candidates: Candidates): string {
  const faults = candidates.formats.filter((c) => c.format.length === tokens.length).map((c) => `as the format of ${ids(c)}, ${problemIn(tokens, c.format)}`);
  if (faults.length) return `fits no format of the flow logs delivering to ${candidates.where} (${faults.join('; ')})`;
  const counts = candidates.formats.map((c) => `${c.format.length} (${ids(c)})`).join(' or ');
  return `${tokens.length} fields, but the flow logs delivering to ${candidates.where} write ${counts}`;
}

/** A line's fields: split on single spaces as AWS writes them, and leniently (any whitespace) otherwise. */
function fieldsOf(line: string): string[] {
  const quick = line.split(' ');
  return quick.includes('') || /[\t\r]/.test(line) ? tokenize(line) : quick;
}

function choose(line: string, candidates: Candidates, tests: Tests): Choice {
  const tokens = fieldsOf(line);
  next: for (let index = 0; index < tests.length; index++) {
    const t = tests[index]!;
    if (t.length !== tokens.length) continue;
    for (let i = 0; i < t.length; i++) if (!t[i]!(tokens[i]!)) continue next;
    return { ok: true, candidate: candidates.formats[index]!, index };
  }
  return { ok: false, reason: noFit(tokens, candidates) };
}

export function chooseFormat(line: string, candidates: Candidates): Choice {
  return choose(line, candidates, testsOf(candidates));
}

/** What a line is to be read as: its format, its flow log when only one writes that format here, or why it is none. */
export interface Pick { format: Format; flowLogId?: string; error?: string }

const single = (c: CandidateFormat): string | undefined => (c.flowLogIds.length === 1 ? c.flowLogIds[0] : undefined);

/**
 * A chooser for the lines of one place. With a single candidate format there
 * is nothing to choose: every line is read in it and the usual typing reports
 * lines that do not fit, at no cost per line here.
 */
export function formatPicker(candidates: Candidates): (line: string) => Pick {
  const [first] = candidates.formats;
  if (!first) throw new Error(`no flow log format for ${candidates.where}`);
  if (candidates.formats.length === 1) {
    const pick: Pick = { format: first.format, flowLogId: single(first) };
    return () => pick;
  }
  const picks = candidates.formats.map((c): Pick => ({ format: c.format, flowLogId: single(c) }));
  const tests = testsOf(candidates);
  return (line) => {
    const c = choose(line, candidates, tests);
    return c.ok ? picks[c.index]! : { format: first.format, error: c.reason };
  };
}
