/** The flow-record engine: what the runner, the destinations and the CLI import. */
export { Aggregator, type AggregatorOptions } from './aggregator.ts';
export { type AwsServiceLookup, type IpRangesJson, AwsServiceIndex, buildAwsServiceIndex, NO_AWS_SERVICES } from './aws-services.ts';
export { coversInterface, interfacesCoveredBy, passesTrafficType } from './coverage.ts';
export type { EmittedRecord, FieldValue } from './emitted.ts';
export { DEFAULT_FORMAT, FIELDS, FIELD_BY_NAME, type FieldDef, type FieldType, FormatError, formatHeader, formatVersion, parseLogFormat } from './fields.ts';
export { type CompiledFormat, compileFormat, type RenderedRecord } from './formatter.ts';
export { type FlowTotals, type LogStatus, type RecordData, type RecordEnv, recordEnvFor } from './record.ts';
export { DELIVERY_SLOT_SECONDS, deliverySlot, type S3Layout, s3FileHash, s3FileName, s3KeyFor, s3KeyPrefix, s3LayoutOf, s3ObjectKey } from './s3-keys.ts';
export { awsTcpFlags } from './tcp-flags.ts';
export { scheduleOf, type WindowSchedule, windowEndMs, windowIndexAt, windowStartMs, windowsEndedBy } from './windows.ts';
