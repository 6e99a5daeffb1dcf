/**
 * Physical ids in AWS's shapes. An id derives from the seed and a stable key
 * (the logical id, or the parent's id plus a role), never from creation order,
 * so adding one resource to a template does not renumber all the others.
 */
import { rngFor } from '../random.ts';

export const ID_PREFIX = {
  vpc: 'vpc', subnet: 'subnet', routeTable: 'rtb', route: 'r', rtbAssoc: 'rtbassoc', igw: 'igw', nat: 'nat',
  eip: 'eipalloc', eipAssoc: 'eipassoc', nacl: 'acl', naclAssoc: 'aclassoc', sg: 'sg', sgRule: 'sgr',
  eni: 'eni', eniAttach: 'eni-attach', instance: 'i', flowLog: 'fl', vpcCidrAssoc: 'vpc-cidr-assoc',
  subnetCidrAssoc: 'subnet-cidr-assoc', reservation: 'r',
} as const;

export type IdKind = keyof typeof ID_PREFIX;

export interface IdSource {
  /** A new id of this kind for a stable key; the same key gives the same id. */
  id(kind: IdKind, key: string): string;
}

/** Ids from a seed: 17 hex digits, as AWS issues today. */
export class SeededIds implements IdSource {
  private readonly used = new Set<string>();
  private counter = 0;

  constructor(private readonly seed: string | number) {}

  id(kind: IdKind, key: string): string {
    for (let attempt = 0; ; attempt++) {
      const r = rngFor(this.seed, `id:${kind}:${key}:${attempt}`);
      const candidate = `${ID_PREFIX[kind]}-${r.hex(17)}`;
      if (!this.used.has(candidate)) {
        this.used.add(candidate);
        return candidate;
      }
    }
  }

  /** A key for resources that have no natural one (API calls): a running counter. */
  nextKey(prefix: string): string {
    return `${prefix}#${++this.counter}`;
  }

  /** Records an id that was pinned by the user, so generated ids never collide with it. */
  reserve(id: string): void {
    this.used.add(id);
  }
}
