/** A snapshot that cannot be read: the message names the key, the item and what is wrong. */
export class SnapshotError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SnapshotError';
  }
}
