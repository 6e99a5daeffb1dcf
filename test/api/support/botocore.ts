/**
 * botocore's EC2 service model, as Debian's awscli package ships it. The API
 * tests need /usr/bin/aws anyway; without the package this fails, it never skips.
 */
import { existsSync, readFileSync } from 'node:fs';

export const BOTOCORE_EC2 = '/usr/lib/python3/dist-packages/awscli/botocore/data/ec2/2016-11-15/service-2.json';

export interface BotoMember { shape: string; locationName?: string; queryName?: string }
export interface BotoShape { type: string; members?: Record<string, BotoMember>; member?: BotoMember; required?: string[] }
export interface BotoModel { operations: Record<string, { input?: { shape: string }; output?: { shape: string } }>; shapes: Record<string, BotoShape> }

export function loadEc2Model(): BotoModel {
  if (!existsSync(BOTOCORE_EC2)) {
    throw new Error(`${BOTOCORE_EC2} is missing: install Debian's awscli package (apt-get install -y awscli); the EC2 API tests need it`);
  }
  return JSON.parse(readFileSync(BOTOCORE_EC2, 'utf8')) as BotoModel;
}
