/**
 * PutLogEvents with AWS's rules: at most 10,000 events and 1,048,576 bytes
 * (messages in UTF-8 plus 26 bytes each), each event up to 1 MB, in
 * chronological order; events more than 14 days old (or older than the
 * group's retention) or more than 2 hours ahead of the server clock are
 * rejected and reported, the others stored; the stored ones may span at most
 * 24 hours. Sequence tokens are accepted and ignored, as AWS does now. The
 * reply is sent once the events are on disk.
 */
import type { LogsActionTable } from '../action.ts';
import { invalidParameter } from '../errors.ts';
import { needGroup, needStream } from '../lookup.ts';
import { GROUP_NAME, type Params, optStr, reqInt, reqList, reqStr, struct } from '../params.ts';

const MAX_BATCH_BYTES = 1_048_576;
const MAX_EVENT_BYTES = 1_048_576;
const EVENT_OVERHEAD = 26;
const DAY = 86_400_000;
const TOO_OLD = 14 * DAY;
const TOO_NEW = 2 * 3_600_000;

interface InputEvent { timestamp: number; message: string }

function readEvents(p: Params): InputEvent[] {
  return reqList(p, 'logEvents', 1, 10000).map((v, i) => {
    const e = struct(v, `logEvents.${i + 1}.member`);
    const timestamp = reqInt(e, 'timestamp', 0);
    const message = reqStr(e, 'message', { min: 1 });
    return { timestamp, message };
  });
}

export const PUT_EVENTS_ACTIONS: LogsActionTable = {
  PutLogEvents: async (c, p) => {
    const events = readEvents(p);
    const g = needGroup(c, reqStr(p, 'logGroupName', GROUP_NAME));
    const s = needStream(g, p);
    optStr(p, 'sequenceToken', { min: 1 });
    let bytes = 0;
    for (let i = 0; i < events.length; i++) {
      const size = Buffer.byteLength(events[i]!.message, 'utf8') + EVENT_OVERHEAD;
      if (size - EVENT_OVERHEAD > MAX_EVENT_BYTES) throw invalidParameter(`Log event too large: ${size - EVENT_OVERHEAD} bytes exceeds limit of ${MAX_EVENT_BYTES}`);
      bytes += size;
      if (i > 0 && events[i]!.timestamp < events[i - 1]!.timestamp) {
        throw invalidParameter('Log events in a single PutLogEvents request must be in chronological order.');
      }
    }
    if (bytes > MAX_BATCH_BYTES) throw invalidParameter(`Upload too large: ${bytes} bytes exceeds limit of ${MAX_BATCH_BYTES}`);
    const now = c.now();
    const retentionStart = g.retentionInDays !== undefined ? now - g.retentionInDays * DAY : -Infinity;
    let tooOldEnd = -1, expiredEnd = -1, tooNewStart = events.length;
    events.forEach((e, i) => {
      if (e.timestamp < now - TOO_OLD) tooOldEnd = i;
      else if (e.timestamp < retentionStart) expiredEnd = i;
      else if (e.timestamp > now + TOO_NEW && tooNewStart === events.length) tooNewStart = i;
    });
    const accepted = events.slice(Math.max(tooOldEnd, expiredEnd) + 1, tooNewStart);
    if (accepted.length > 1 && accepted.at(-1)!.timestamp - accepted[0]!.timestamp > DAY) {
      throw invalidParameter('The batch of log events in a single PutLogEvents request cannot span more than 24 hours.');
    }
    await c.store.appendEvents(g, s, accepted);
    const rejected: Params = {};
    if (tooNewStart < events.length) rejected.tooNewLogEventStartIndex = tooNewStart;
    if (tooOldEnd >= 0) rejected.tooOldLogEventEndIndex = tooOldEnd;
    if (expiredEnd >= 0) rejected.expiredLogEventEndIndex = expiredEnd;
    return { nextSequenceToken: s.uploadSequenceToken, ...(Object.keys(rejected).length ? { rejectedLogEventsInfo: rejected } : {}) };
  },
};
