/** examples/frontal-bd: golden output, determinism, and the records its README talks about. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { goldenAndDeterminismTests, s3TextRecords, withRun } from './harness.ts';

const SCENARIO = 'examples/frontal-bd/scenario.yaml';

const cloudWatchMessages = (outDir: string, stream: string): string[] =>
  readFileSync(join(outDir, 'cloudwatch', '%2Fvpc%2Ffrontal-bd', `${stream}-all.jsonl`), 'utf8').trimEnd().split('\n').map((l) => (JSON.parse(l) as { message: string }).message);

goldenAndDeterminismTests('frontal-bd', SCENARIO);

test('frontal-bd: the scanner on 8080, the failed MySQL connections, and the S3 copy of Web\'s records', async () => {
  await withRun(SCENARIO, async (out, { summary }) => {
    const s3 = s3TextRecords(out);
    const web = cloudWatchMessages(out, 'eni-0f1e2d3c4b5a69788');
    // The probe of 8080 from an EC2 address: rejected at the web tier's ACL, and known as EC2.
    assert.ok(web.some((l) => / 54\.149\.118\.103 172\.31\.60\.10 \d+ 8080 6 1 44 \d+ \d+ REJECT OK$/.test(l)), 'CloudWatch: scanner on 8080');
    assert.ok(s3.some((l) => / 54\.149\.118\.103 172\.31\.60\.10 \d+ 8080 6 1 44 \d+ \d+ REJECT OK 2 ingress EC2 -$/.test(l)), 'S3: scanner on 8080');
    // DbPi accepts the SYNs but its ACL rejects every SYN-ACK; DbSec's group rejects the SYNs.
    const dbPi = cloudWatchMessages(out, 'eni-3843301897e4c050a');
    assert.ok(dbPi.some((l) => / 172\.31\.50\.10 172\.31\.60\.10 3306 \d+ 6 \d+ \d+ \d+ \d+ REJECT OK$/.test(l)));
    assert.ok(!dbPi.some((l) => / 172\.31\.50\.10 172\.31\.60\.10 3306 \d+ 6 .* ACCEPT OK$/.test(l)), 'no MySQL reply gets out');
    const dbSec = cloudWatchMessages(out, 'eni-c5b604f4910288ccc');
    assert.ok(dbSec.length > 0 && dbSec.every((l) => / 172\.31\.60\.10 172\.31\.50\.11 \d+ 3306 6 .* REJECT OK$/.test(l)));
    // The S3 flow log sees the same flows on Web's interface as the subnet's CloudWatch one, in a v5 format.
    assert.equal(s3.length, web.length);
    assert.deepEqual(s3.map((l) => l.split(' ').slice(1, 14).join(' ')), web.map((l) => l.split(' ').slice(1).join(' ')));
    assert.deepEqual(summary.destinations.map((d) => [d.type, d.name, d.records]), [
      ['cloud-watch-logs', '/vpc/frontal-bd', web.length + dbPi.length + dbSec.length],
      ['s3', 'frontal-bd-flow-logs', s3.length],
    ]);
  });
});
