/** Tags, availability zones and regions: botocore's shapes (the members vpcflow uses). */
import { B, I, S, at, list, struct } from './dsl.ts';
import { Filters, Tag } from './common.ts';

export const CreateTagsRequest = struct({ Resources: at('ResourceId', list(S)), Tags: at('Tag', list(Tag)) }, ['Resources', 'Tags']);
export const DeleteTagsRequest = struct({ Resources: at('resourceId', list(S)), Tags: at('tag', list(Tag)) }, ['Resources']);
export const DescribeTagsRequest = struct({ Filters, MaxResults: at('maxResults', I), NextToken: at('nextToken', S) });
const TagDescription = struct({ Key: at('key', S), ResourceId: at('resourceId', S), ResourceType: at('resourceType', S), Value: at('value', S) });
export const DescribeTagsResult = struct({ NextToken: at('nextToken', S), Tags: at('tagSet', list(TagDescription)) });

const AvailabilityZone = struct({
  State: at('zoneState', S), OptInStatus: at('optInStatus', S), Messages: at('messageSet', list(struct({ Message: at('message', S) }))),
  RegionName: at('regionName', S), ZoneName: at('zoneName', S), ZoneId: at('zoneId', S), GroupName: at('groupName', S),
  NetworkBorderGroup: at('networkBorderGroup', S), ZoneType: at('zoneType', S),
});
export const DescribeAvailabilityZonesRequest = struct({ Filters, ZoneNames: at('ZoneName', list(S)), ZoneIds: at('ZoneId', list(S)), AllAvailabilityZones: B });
export const DescribeAvailabilityZonesResult = struct({ AvailabilityZones: at('availabilityZoneInfo', list(AvailabilityZone)) });

const Region = struct({ Endpoint: at('regionEndpoint', S), RegionName: at('regionName', S), OptInStatus: at('optInStatus', S) });
export const DescribeRegionsRequest = struct({ Filters, RegionNames: at('RegionName', list(S)), AllRegions: B });
export const DescribeRegionsResult = struct({ Regions: at('regionInfo', list(Region)) });
