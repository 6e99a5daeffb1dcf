/**
 * Every service the server emulates, in routing order. Adding one is adding a
 * line here (see README.md in this folder).
 */
import { EC2_SERVICE } from '../services/ec2/index.ts';
import { S3_SERVICE } from '../services/s3/index.ts';
import { LOGS_SERVICE } from '../services/logs/index.ts';
import type { Service } from './types.ts';

export const SERVICES: readonly Service[] = [
  EC2_SERVICE,
  S3_SERVICE,
  LOGS_SERVICE,
];
