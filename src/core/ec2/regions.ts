/**
 * Regions and availability zones as DescribeRegions and
 * DescribeAvailabilityZones report them. The region list is AWS's public
 * commercial regions: those enabled by default, then the opt-in ones (shown
 * only with AllRegions, as `not-opted-in`).
 */
import { azIdOf, azNames } from '../model/region.ts';

export interface RegionInfo { RegionName: string; Endpoint: string; OptInStatus: string }
export interface ZoneInfo { ZoneName: string; ZoneId: string; RegionName: string; State: string; OptInStatus: string; GroupName: string; NetworkBorderGroup: string; ZoneType: string }

export const DEFAULT_REGIONS: readonly string[] = [
  'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-south-1', 'ap-southeast-1', 'ap-southeast-2',
  'ca-central-1', 'eu-central-1', 'eu-north-1', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'sa-east-1',
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
];

export const OPT_IN_REGIONS: readonly string[] = [
  'af-south-1', 'ap-east-1', 'ap-south-2', 'ap-southeast-3', 'ap-southeast-4', 'ca-west-1', 'eu-central-2',
  'eu-south-1', 'eu-south-2', 'il-central-1', 'me-central-1', 'me-south-1',
];

export function regions(all: boolean): RegionInfo[] {
  const info = (name: string, status: string): RegionInfo => ({ RegionName: name, Endpoint: `ec2.${name}.amazonaws.com`, OptInStatus: status });
  const out = DEFAULT_REGIONS.map((r) => info(r, 'opt-in-not-required'));
  if (all) out.push(...OPT_IN_REGIONS.map((r) => info(r, 'not-opted-in')));
  return out;
}

/** The zones of a region: the same six names CreateSubnet offers (`<region>a` … `<region>f`). */
export function zones(region: string): ZoneInfo[] {
  return azNames(region).map((name) => ({
    ZoneName: name, ZoneId: azIdOf(region, name)!, RegionName: region, State: 'available', OptInStatus: 'opt-in-not-required',
    GroupName: region, NetworkBorderGroup: region, ZoneType: 'availability-zone',
  }));
}
