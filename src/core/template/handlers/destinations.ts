/**
 * Flow log destinations, modelled as names only: AWS::Logs::LogGroup,
 * AWS::S3::Bucket, AWS::KinesisFirehose::DeliveryStream. Names not given are
 * generated as CloudFormation generates them.
 */
import { describeValue } from '../../scenario/describe.ts';
import { type ResourceRun, defineHandler } from '../handler.ts';
import { generatedName } from '../names.ts';
import { int, opaque, str, tags } from '../shapes.ts';

/** The retention periods CloudWatch Logs accepts, in days. */
const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

function named(run: ResourceRun, property: string, rule: RegExp, ruleText: string, generate: () => string, taken: (n: string) => boolean): string {
  const given = run.props[property] as string | undefined;
  const name = given ?? generate();
  if (given !== undefined && !rule.test(given)) run.fail([property], ruleText, describeValue(given));
  if (taken(name)) run.fail([property], `a ${property} not used by another resource`, describeValue(name));
  return name;
}

interface Named { name: string }

export const logGroupHandler = defineHandler<Named>({
  properties: {
    LogGroupName: str, RetentionInDays: int, Tags: tags,
    ...opaque('KmsKeyId', 'DataProtectionPolicy', 'LogGroupClass', 'FieldIndexPolicies', 'ResourcePolicyDocument', 'DeletionProtectionEnabled', 'BearerTokenAuthenticationEnabled'),
  },
  create(run) {
    const net = run.ctx.net;
    const name = named(run, 'LogGroupName', /^[.\-_/#A-Za-z0-9]{1,512}$/, 'a log group name of 1 to 512 characters among a-z, A-Z, 0-9, . - _ / #',
      () => generatedName(run.stack, run.logicalId, 512), (n) => net.logGroups.has(n));
    const days = run.props.RetentionInDays as number | undefined;
    if (days !== undefined && !RETENTION_DAYS.includes(days)) run.fail(['RetentionInDays'], `one of ${RETENTION_DAYS.join(', ')}`, String(days));
    net.logGroups.set(name, { name, logicalId: run.logicalId, retentionInDays: days });
    return { name };
  },
  ref: (g) => g.name,
  attributes: { Arn: (g, run) => `arn:aws:logs:${run.stack.region}:${run.stack.account}:log-group:${g.name}:*` },
});

export const bucketHandler = defineHandler<Named>({
  properties: {
    BucketName: str, Tags: tags,
    ...opaque(
      'AbacStatus', 'AccelerateConfiguration', 'AccessControl', 'AnalyticsConfigurations', 'BucketEncryption', 'CorsConfiguration',
      'IntelligentTieringConfigurations', 'InventoryConfigurations', 'LifecycleConfiguration', 'LoggingConfiguration',
      'MetadataConfiguration', 'MetadataTableConfiguration', 'MetricsConfigurations', 'NotificationConfiguration',
      'ObjectLockConfiguration', 'ObjectLockEnabled', 'OwnershipControls', 'PublicAccessBlockConfiguration',
      'ReplicationConfiguration', 'VersioningConfiguration', 'WebsiteConfiguration',
    ),
  },
  create(run) {
    const net = run.ctx.net;
    const name = named(run, 'BucketName', /^(?!\d+\.\d+\.\d+\.\d+$)(?!.*\.\.)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
      'a bucket name of 3 to 63 characters: lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit',
      () => generatedName(run.stack, run.logicalId, 63, true), (n) => net.buckets.has(n));
    net.buckets.set(name, { name, logicalId: run.logicalId });
    return { name };
  },
  ref: (b) => b.name,
  attributes: {
    Arn: (b) => `arn:aws:s3:::${b.name}`,
    DomainName: (b) => `${b.name}.s3.amazonaws.com`,
    RegionalDomainName: (b, run) => `${b.name}.s3.${run.stack.region}.amazonaws.com`,
    DualStackDomainName: (b, run) => `${b.name}.s3.dualstack.${run.stack.region}.amazonaws.com`,
    WebsiteURL: (b, run) => `http://${b.name}.s3-website-${run.stack.region}.amazonaws.com`,
  },
});

export const deliveryStreamHandler = defineHandler<Named>({
  properties: {
    DeliveryStreamName: str, DeliveryStreamType: str, Tags: tags,
    ...opaque(
      'AmazonOpenSearchServerlessDestinationConfiguration', 'AmazonopensearchserviceDestinationConfiguration', 'DatabaseSourceConfiguration',
      'DeliveryStreamEncryptionConfigurationInput', 'DirectPutSourceConfiguration', 'ElasticsearchDestinationConfiguration',
      'ExtendedS3DestinationConfiguration', 'HttpEndpointDestinationConfiguration', 'IcebergDestinationConfiguration',
      'KinesisStreamSourceConfiguration', 'MSKSourceConfiguration', 'RedshiftDestinationConfiguration', 'S3DestinationConfiguration',
      'SnowflakeDestinationConfiguration', 'SplunkDestinationConfiguration',
    ),
  },
  create(run) {
    const net = run.ctx.net;
    const name = named(run, 'DeliveryStreamName', /^[a-zA-Z0-9_.-]{1,64}$/, 'a delivery stream name of 1 to 64 characters among a-z, A-Z, 0-9, _ . -',
      () => generatedName(run.stack, run.logicalId, 64), (n) => net.deliveryStreams.has(n));
    net.deliveryStreams.set(name, { name, logicalId: run.logicalId });
    return { name };
  },
  ref: (s) => s.name,
  attributes: { Arn: (s, run) => `arn:aws:firehose:${run.stack.region}:${run.stack.account}:deliverystream/${s.name}` },
});
