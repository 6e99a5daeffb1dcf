/**
 * The functions of the query language, by lower-case name: how many arguments
 * each takes and where it may be used. Names are matched without regard to
 * case (`isPresent` and `ispresent` are the same function).
 */
export type FunctionKind = 'scalar' | 'aggregate';

export interface FunctionSig {
  /** The name as AWS documents it, for messages. */
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly kind: FunctionKind;
  readonly family: 'numeric' | 'general' | 'string' | 'datetime' | 'ip' | 'aggregate' | 'stats';
}

const MANY = Number.POSITIVE_INFINITY;
const sig = (name: string, min: number, max: number, family: FunctionSig['family']): FunctionSig =>
  ({ name, min, max, family, kind: family === 'aggregate' || family === 'stats' ? 'aggregate' : 'scalar' });

const ALL: FunctionSig[] = [
  sig('abs', 1, 1, 'numeric'), sig('ceil', 1, 1, 'numeric'), sig('floor', 1, 1, 'numeric'),
  sig('greatest', 1, MANY, 'numeric'), sig('least', 1, MANY, 'numeric'), sig('log', 1, 1, 'numeric'), sig('sqrt', 1, 1, 'numeric'),
  sig('ispresent', 1, 1, 'general'), sig('coalesce', 1, MANY, 'general'),
  sig('isempty', 1, 1, 'string'), sig('isblank', 1, 1, 'string'), sig('concat', 1, MANY, 'string'),
  sig('ltrim', 1, 2, 'string'), sig('rtrim', 1, 2, 'string'), sig('trim', 1, 2, 'string'), sig('strlen', 1, 1, 'string'),
  sig('toupper', 1, 1, 'string'), sig('tolower', 1, 1, 'string'), sig('substr', 2, 3, 'string'), sig('replace', 3, 3, 'string'),
  sig('strcontains', 2, 2, 'string'),
  sig('bin', 1, 1, 'datetime'), sig('datefloor', 2, 2, 'datetime'), sig('dateceil', 2, 2, 'datetime'),
  sig('fromMillis', 1, 1, 'datetime'), sig('toMillis', 1, 1, 'datetime'),
  sig('isValidIp', 1, 1, 'ip'), sig('isValidIpV4', 1, 1, 'ip'), sig('isValidIpV6', 1, 1, 'ip'),
  sig('isIpInSubnet', 2, 2, 'ip'), sig('isIpv4InSubnet', 2, 2, 'ip'), sig('isIpv6InSubnet', 2, 2, 'ip'),
  sig('avg', 1, 1, 'aggregate'), sig('count', 0, 1, 'aggregate'), sig('count_distinct', 1, 1, 'aggregate'),
  sig('max', 1, 1, 'aggregate'), sig('min', 1, 1, 'aggregate'), sig('pct', 2, 2, 'aggregate'),
  sig('stddev', 1, 1, 'aggregate'), sig('sum', 1, 1, 'aggregate'),
  sig('earliest', 1, 1, 'stats'), sig('latest', 1, 1, 'stats'), sig('sortsFirst', 1, 1, 'stats'), sig('sortsLast', 1, 1, 'stats'),
];

export const FUNCTIONS: ReadonlyMap<string, FunctionSig> = new Map(ALL.map((f) => [f.name.toLowerCase(), f]));

export function lookupFunction(name: string): FunctionSig | undefined {
  return FUNCTIONS.get(name.toLowerCase());
}
