/** S3's general-purpose bucket naming rules. */

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** Why a name is refused, or undefined if it is a valid bucket name. */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return 'Bucket names must be between 3 and 63 characters long';
  if (!/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(name)) {
    return 'Bucket names can consist only of lowercase letters, numbers, dots and hyphens, and must begin and end with a letter or number';
  }
  if (name.includes('..')) return 'Bucket names must not contain two adjacent periods';
  if (IPV4.test(name)) return 'Bucket names must not be formatted as an IP address';
  if (/^(xn--|sthree-|amzn-s3-demo-)/.test(name) || /(-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$/.test(name)) {
    return 'Bucket names must not use a reserved prefix or suffix';
  }
  return undefined;
}

export const isValidBucketName = (name: string): boolean => bucketNameProblem(name) === undefined;
