/**
 * Delivering one SNS message to one subscriber: email and email-json are
 * written (notifications.jsonl is the mailbox); http/https are POSTed, one
 * after another so receivers see them in order, and their outcome recorded.
 */
import type { Delivery } from '../../core/alarms/index.ts';
import { isoTime } from '../../core/alarms/format.ts';
import type { PostOutcome, Poster } from './http-post.ts';

export type { Poster } from './http-post.ts';

/** One line of notifications.jsonl. */
export interface NotificationEntry {
  Timestamp: string;
  TopicArn: string;
  SubscriptionArn: string;
  Protocol: string;
  Endpoint: string;
  MessageId: string;
  Subject: string;
  /** What the subscriber receives: the email text, or the HTTP body. */
  Body: string;
  Delivery: PostOutcome | { Status: 'written' } | { Status: 'skipped'; Error: string };
}

/** Records the delivery in `entries` and returns the POST chain extended with it (if it is a POST). */
export function deliver(d: Delivery, entries: NotificationEntry[], post: Poster, allowed: boolean, chain: Promise<void>): Promise<void> {
  const entry: NotificationEntry = {
    Timestamp: isoTime(d.time), TopicArn: d.topicArn, SubscriptionArn: d.subscriptionArn, Protocol: d.protocol, Endpoint: d.endpoint,
    MessageId: d.messageId, Subject: d.subject, Body: d.body, Delivery: { Status: 'written' },
  };
  entries.push(entry);
  if (!d.headers) return chain;
  if (!allowed) {
    entry.Delivery = { Status: 'skipped', Error: 'too many notifications in one run: later POSTs are not sent' };
    return chain;
  }
  const headers = d.headers;
  return chain.then(async () => {
    try {
      entry.Delivery = await post(d.endpoint, d.body, headers);
    } catch (e) {
      entry.Delivery = { Status: 'failed', Error: (e as Error).message, Attempts: 1 };
    }
  });
}
