/** S3's errors: an AWS code, an HTTP status, and the extra elements AWS adds (Key, BucketName…). */
import type { ErrorLike } from '../../server/types.ts';

export class S3Error extends Error implements ErrorLike {
  constructor(readonly code: string, message: string, readonly httpStatus = 400, readonly extra: Record<string, string> = {}) {
    super(message);
    this.name = 'S3Error';
  }
}

export const noSuchBucket = (bucket: string): S3Error =>
  new S3Error('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName: bucket });

export const noSuchKey = (key: string): S3Error =>
  new S3Error('NoSuchKey', 'The specified key does not exist.', 404, { Key: key });

export const invalidArgument = (message: string, name: string, value: string): S3Error =>
  new S3Error('InvalidArgument', message, 400, { ArgumentName: name, ArgumentValue: value });

export const malformedXml = (): S3Error =>
  new S3Error('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema');

export const notImplemented = (what: string): S3Error =>
  new S3Error('NotImplemented', `A header or query you provided implies functionality that is not implemented (vpcflow does not emulate ${what}).`, 501);
