/**
 * What aggregation hands to the destinations: one finished record of one flow
 * log, already rendered in that flow log's format.
 */
import type { FlowLog } from '../model/types.ts';

/** A field's value: a number, a string, or null for AWS's `-`. */
export type FieldValue = string | number | null;

export interface EmittedRecord {
  flowLog: FlowLog;
  /** The interface the record belongs to (its CloudWatch stream is `<eniId>-all`). */
  eniId: string;
  /** Record `start` and `end`, epoch seconds. */
  start: number;
  end: number;
  /** End of the capture window the record closed with, epoch milliseconds: AWS delivers after it. */
  windowEndMs: number;
  /** The values in the flow log's format order (version first if the format has it). */
  values: FieldValue[];
  /** The text line: values joined by single spaces, `-` for null. */
  line: string;
  /** The record's log-status and action, whatever fields the format shows (summaries count them). */
  status: 'OK' | 'NODATA' | 'SKIPDATA';
  action: 'ACCEPT' | 'REJECT' | null;
}
