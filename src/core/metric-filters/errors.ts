/** A filter pattern that CloudWatch Logs would refuse, with the 1-based column where reading stopped. */
export class PatternSyntaxError extends Error {
  constructor(
    readonly pattern: string,
    /** 1-based column in the pattern text. */
    readonly column: number,
    readonly expected: string,
    readonly found: string,
  ) {
    super(`invalid filter pattern at column ${column}: expected ${expected}, found ${found}`);
    this.name = 'PatternSyntaxError';
  }
}
