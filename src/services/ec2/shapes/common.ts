/** Shapes many EC2 actions share: tags, tag specifications, filters, the plain `return` result. */
import { B, S, at, list, struct } from './dsl.ts';

export const Tag = struct({ Key: at('key', S), Value: at('value', S) });
export const TagList = list(Tag);
/** `Tags` as resources report them: `<tagSet><item><key>…</key><value>…</value></item></tagSet>`. */
export const Tags = at('tagSet', TagList);

export const TagSpecification = struct({ ResourceType: at('resourceType', S), Tags: at('Tag', TagList) });
/** `TagSpecification.N.ResourceType`, `TagSpecification.N.Tag.M.Key`. */
export const TagSpecifications = at('TagSpecification', list(TagSpecification));

export const Filter = struct({ Name: S, Values: at('Value', list(S)) });
/** `Filter.N.Name`, `Filter.N.Value.M`. */
export const Filters = at('Filter', list(Filter));

export const NextToken = at('nextToken', S);

/** The result of actions whose model has no output: EC2 still answers `<return>true</return>`. */
export const RETURN_ONLY = struct({ Return: at('return', B) });
export const NO_INPUT = struct({});
