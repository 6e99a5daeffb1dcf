/** The I/O side of delivery: what the runner imports. */
export { DeliverySink, DEFAULT_INGESTION_DELAY_MS, type DeliverySinkOptions } from './sink.ts';
export type { DeliveryManifest, DestinationManifest, WrittenFile } from './manifest.ts';
export { OutputDirError, LateRecordError, UnsafePathError } from './errors.ts';
export { S3_PERIOD_SEC } from './s3-writer.ts';
