/**
 * A small mirror of botocore's shape model for the EC2 members vpcflow reads
 * and writes. Member names are the API's JSON names (PascalCase); `loc` is
 * botocore's `locationName` and `query` its `queryName`, so that
 *   - a request member is sent as `query ?? Capitalized(loc ?? name)`
 *     (`ResourceIds` → `ResourceId.1`, `DryRun` (loc dryRun) → `DryRun`), and
 *   - a response member is written as the element `loc ?? name`
 *     (`Vpcs` → `<vpcSet><item>…</item></vpcSet>`).
 * test/api/ec2/model-parity.test.ts checks every member against botocore's model.
 */
export type Scalar = 'string' | 'integer' | 'long' | 'double' | 'boolean' | 'timestamp';

export interface ListShape { readonly list: Shape }
export interface StructShape {
  readonly members: Readonly<Record<string, Member>>;
  /** botocore's `required`: request members without which the request is `MissingParameter`. */
  readonly required?: readonly string[];
}
export type Shape = Scalar | ListShape | StructShape;

export interface Member {
  readonly shape: Shape;
  readonly loc?: string | undefined;
  readonly query?: string | undefined;
}

export const S: Scalar = 'string';
export const I: Scalar = 'integer';
export const B: Scalar = 'boolean';
export const T: Scalar = 'timestamp';

export const list = (shape: Shape): ListShape => ({ list: shape });

/** A member with a locationName (and, rarely, a queryName). */
export const at = (loc: string, shape: Shape, query?: string): Member => ({ shape, loc, query });

type MemberSpec = Shape | Member;

function isMember(x: MemberSpec): x is Member {
  return typeof x === 'object' && 'shape' in x;
}

export function struct(members: Record<string, MemberSpec>, required?: readonly string[]): StructShape {
  const out: Record<string, Member> = {};
  for (const [name, spec] of Object.entries(members)) out[name] = isMember(spec) ? spec : { shape: spec };
  for (const r of required ?? []) if (!out[r]) throw new Error(`required member ${r} is not a member`);
  return required ? { members: out, required } : { members: out };
}

export const isList = (s: Shape): s is ListShape => typeof s === 'object' && 'list' in s;
export const isStruct = (s: Shape): s is StructShape => typeof s === 'object' && 'members' in s;

const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The name a request member is sent under (EC2 protocol). */
export const queryName = (name: string, m: Member): string => m.query ?? upperFirst(m.loc ?? name);

/** The element a response member is written as. */
export const elementName = (name: string, m: Member): string => m.loc ?? name;
