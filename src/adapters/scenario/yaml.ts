/**
 * YAML (and JSON, which is YAML) into plain values, with CloudFormation's short
 * tags turned into their long forms, and the line and column of every value
 * indexed by its path for messages.
 */
import { type Document, LineCounter, type Node, isAlias, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { type Position, ScenarioError } from '../../core/scenario/errors.ts';
import { type Path, formatPath } from '../../core/scenario/path.ts';
import { didYouMean } from '../../core/scenario/suggest.ts';
import { CFN_TAGS, getAttArgument, longFormKey } from './cfn-tags.ts';

export interface ParsedYaml {
  value: unknown;
  /** Formatted path → where its value starts (a collection: where its key is). */
  positions: Map<string, Position>;
}

export function parseYaml(text: string, file: string): ParsedYaml {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const err = doc.errors[0];
  if (err) {
    const pos = lines.linePos(err.pos[0]);
    const message = err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new ScenarioError({ file, place: '', expected: 'valid YAML', found: `a syntax error: ${message}`, line: pos.line, column: pos.col });
  }
  const positions = new Map<string, Position>();
  const at = (offset: number | undefined): Position | undefined => {
    if (offset === undefined) return undefined;
    const p = lines.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const note = (path: Path, pos: Position | undefined) => {
    if (pos) positions.set(formatPath(path), pos);
  };
  const fail = (pos: Position | undefined, path: Path, expected: string, found: string) =>
    new ScenarioError({ file, place: formatPath(path), expected, found, line: pos?.line, column: pos?.column });

  function convert(node: Node | null | undefined, path: Path, seen: Set<Node>): unknown {
    if (!node) return null;
    if (isAlias(node)) {
      const target = node.resolve(doc as Document);
      if (!target || seen.has(target)) throw fail(at(node.range?.[0]), path, 'an alias to an earlier anchor', `*${node.source}`);
      return convert(target, path, new Set([...seen, target]));
    }
    const tag = node.tag;
    if (tag && tag.startsWith('!') && !tag.startsWith('!!')) {
      const key = longFormKey(tag);
      if (!key) throw fail(at(node.range?.[0]), path, `a CloudFormation tag (${CFN_TAGS.join(', ')})`, `${tag}${didYouMean(tag, CFN_TAGS)}`);
      note([...path, key], at(node.range?.[0]));
      const inner = plain(node, [...path, key], seen);
      return { [key]: key === 'Fn::GetAtt' ? getAttArgument(inner) : inner };
    }
    return plain(node, path, seen);
  }

  function plain(node: Node, path: Path, seen: Set<Node>): unknown {
    if (isScalar(node)) return node.value;
    if (isSeq(node)) {
      return node.items.map((item, i) => {
        const n = item as Node | null;
        note([...path, i], at(n?.range?.[0]));
        return convert(n, [...path, i], seen);
      });
    }
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      for (const pair of node.items) {
        const keyNode = pair.key as Node | null;
        if (!isScalar(keyNode)) throw fail(at(keyNode?.range?.[0]), path, 'a plain key', 'a complex key');
        const key = String(keyNode.value);
        const value = pair.value as Node | null;
        const scalarValue = !value || isScalar(value);
        note([...path, key], at(scalarValue && value ? value.range?.[0] : keyNode.range?.[0]));
        out[key] = convert(value, [...path, key], seen);
      }
      return out;
    }
    return null;
  }

  note([], at(doc.contents?.range?.[0]) ?? { line: 1, column: 1 });
  return { value: convert(doc.contents, [], new Set()), positions };
}
