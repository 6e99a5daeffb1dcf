/**
 * Reading a request body with a size limit. A body declared too large is
 * refused at once; one that turns out too large (chunked) is read to its end
 * and thrown away, so the client gets its error instead of a reset connection.
 */
import type { IncomingMessage } from 'node:http';
import { ServiceError, bodyTooLarge } from './errors.ts';

export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      req.resume();
      reject(bodyTooLarge(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
      } else chunks.push(c);
    });
    req.on('end', () => (tooLarge ? reject(bodyTooLarge(limit)) : resolve(Buffer.concat(chunks))));
    req.on('error', () => reject(new ServiceError('IncompleteBody', 'The request body could not be read to its end.', 400)));
  });
}
