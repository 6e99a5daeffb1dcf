/** examples/nat-gateway: golden output, determinism, and AWS's six documented NAT gateway records, byte for byte. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { documented } from './aws-doc-records.ts';
import { goldenAndDeterminismTests, s3TextRecords, withRun } from './harness.ts';

const SCENARIO = 'examples/nat-gateway/scenario.yaml';

goldenAndDeterminismTests('nat-gateway', SCENARIO);

test('nat-gateway: the records are AWS\'s documented ones, four on the NAT gateway interface and two on the instance', async () => {
  await withRun(SCENARIO, async (out) => {
    const ours = s3TextRecords(out);
    const nat = documented(['- eni-1235b8ca123456789 '], 4);
    const instance = documented(['i-01234567890123456 eni-1111aaaa2222bbbb3 '], 2);
    // Interfaces in id order, each one's flows in the order of their first packet: AWS's order within each interface.
    assert.deepEqual(ours, [...instance, ...nat]);
  });
});
