/** Route tables compiled for longest-prefix match; IPv4 and IPv6 never cover each other. */
import { cidrContains } from '../net/cidr.ts';
import type { IpAddr } from '../net/ip.ts';
import type { Route, RouteTable } from '../model/types.ts';

export interface CompiledRouteTable {
  id: string;
  /** Most specific first. */
  routes: Route[];
}

export function compileRouteTable(rt: RouteTable): CompiledRouteTable {
  const routes = [...rt.routes].sort((a, b) => b.dest.prefix - a.dest.prefix || (a.target.kind === 'local' ? -1 : 0));
  return { id: rt.id, routes };
}

export function lookupRoute(rt: CompiledRouteTable, dst: IpAddr): Route | undefined {
  const rs = rt.routes;
  for (let i = 0; i < rs.length; i++) if (cidrContains(rs[i]!.dest, dst)) return rs[i];
  return undefined;
}
