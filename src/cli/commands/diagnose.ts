/** `vpcflow diagnose DIR [--config SNAPSHOT] [--json]`: why was this traffic rejected? */
import type { Command } from 'commander';
import { readDiagnoseRecords } from '../../adapters/diagnose/records.ts';
import { readSnapshotFile } from '../../adapters/diagnose/snapshot-file.ts';
import { StoreError } from '../../adapters/store/errors.ts';
import { unreadNotice } from '../../adapters/store/unread.ts';
import { diagnose } from '../../core/diagnose/diagnose.ts';
import { renderFindings } from '../../core/diagnose/render.ts';
import { SnapshotError } from '../../core/snapshot/errors.ts';
import type { Io } from '../main.ts';
import { UserError } from '../user-error.ts';

interface Opts { config?: string; json?: boolean }

export function registerDiagnose(program: Command, io: Io): void {
  program
    .command('diagnose')
    .description('Explain the rejected traffic in a data folder\'s flow logs: request/response pairing (network ACL vs security group), port scans; with --config, the exact rule and the fix.')
    .argument('<dir>', 'data folder (vpcflow run --out, or vpcflow ingest --out)')
    .option('--config <snapshot>', 'JSON merging the output of aws ec2 describe-vpcs, describe-subnets, describe-route-tables, describe-network-acls, describe-security-groups, describe-network-interfaces (and describe-instances, describe-nat-gateways, describe-internet-gateways)')
    .option('--json', 'print {"findings": [{"srcaddr", "dstaddr", "srcport", "dstport", "protocol", "interfaceId", "cause", "detail", …}]}')
    .addHelpText('after', '\nExit status: 0 if nothing was rejected, 1 if there are findings, 2 if the input is wrong.')
    .action(async (dir: string, o: Opts) => {
      try {
        const net = o.config === undefined ? undefined : await readSnapshotFile(o.config);
        const records = await readDiagnoseRecords(dir, (skipped) => io.err(unreadNotice(skipped)!));
        const findings = diagnose(records, net);
        io.out(o.json ? `${JSON.stringify({ findings }, null, 2)}\n` : renderFindings(findings));
        program.setOptionValue('exitCode', findings.length ? 1 : 0);
      } catch (e) {
        if (e instanceof SnapshotError || e instanceof StoreError) throw new UserError(e.message);
        throw e;
      }
    });
}
