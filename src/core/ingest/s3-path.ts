/**
 * What AWS's S3 key of a flow log object says about its records:
 *
 *   [prefix/]AWSLogs/<account>/vpcflowlogs/<region>/<yyyy>/<mm>/<dd>/[<hh>/]<file>
 *   [prefix/]AWSLogs/aws-account-id=<account>/aws-service=vpcflowlogs/aws-region=<region>/year=<yyyy>/month=<mm>/day=<dd>/[hour=<hh>/]<file>
 *   <file> = <account>_vpcflowlogs_<region>_<flow-log-id>_<YYYYMMDDTHHmmZ>_<hash>.log.gz (or .log.parquet)
 *
 * Paths on disk may hold more folders before the key, or only the file name
 * (a downloaded object, perhaps renamed with a prefix): whatever matches is used.
 */
export interface S3KeyInfo {
  /** Path before `AWSLogs/` (bucket folder and prefix), with `/` separators and no trailing slash. */
  before?: string;
  account?: string;
  region?: string;
  hive: boolean;
  perHour: boolean;
  /** `YYYY-MM-DD`, from the date folders, else from the file name's stamp. */
  date?: string;
  hour?: string;
  flowLogId?: string;
}

const FOLDERS = /(?:^|\/)AWSLogs\/(aws-account-id=)?([^/]+)\/(?:aws-service=)?vpcflowlogs\/(?:aws-region=)?([^/]+)\/(?:year=)?(\d{4})\/(?:month=)?(\d{2})\/(?:day=)?(\d{2})\/(?:(?:hour=)?(\d{2})\/)?[^/]+$/;
const NAME = /(\d+)_vpcflowlogs_([a-z0-9-]+)_(fl-[0-9a-z]+)_(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})Z_[0-9a-zA-Z]+(?:\.log)?(?:\.gz|\.parquet)?$/;

export function parseS3Key(path: string): S3KeyInfo {
  const p = path.replace(/\\/g, '/');
  const info: S3KeyInfo = { hive: false, perHour: false };
  const name = NAME.exec(p.slice(p.lastIndexOf('/') + 1));
  if (name) {
    info.account = name[1];
    info.region = name[2];
    info.flowLogId = name[3];
    info.date = `${name[4]}-${name[5]}-${name[6]}`;
    info.hour = name[7];
  }
  const m = FOLDERS.exec(p);
  if (m) {
    const start = m.index + (p[m.index] === '/' ? 1 : 0);
    info.before = p.slice(0, Math.max(0, start - 1));
    info.hive = m[1] !== undefined;
    info.account = m[2];
    info.region = m[3];
    info.date = `${m[4]}-${m[5]}-${m[6]}`;
    info.perHour = m[7] !== undefined;
    info.hour = m[7] ?? info.hour;
  }
  return info;
}
