/** Default-format (version 2) flow log records, for FilterLogEvents and Insights tests. */
export interface FlowLine { src: string; dst: string; sport: number; dport: number; proto: number; bytes: number; action: 'ACCEPT' | 'REJECT' }

export function flowLine(f: FlowLine, startSec: number, eni = 'eni-0a1b2c3d4e5f60718'): string {
  return `2 123456789012 ${eni} ${f.src} ${f.dst} ${f.sport} ${f.dport} ${f.proto} 10 ${f.bytes} ${startSec} ${startSec + 60} ${f.action} OK`;
}

/** AWS's example: the metric filter pattern that counts rejected SSH attempts. */
export const REJECTED_SSH = '[version, account, eni, source, destination, srcport, destport="22", protocol="6", packets, bytes, windowstart, windowend, action="REJECT", flowlogstatus]';
