/** Errors the user can act on: a folder that holds no store, SQL that DuckDB refuses. */
export class StoreError extends Error {}

export class SqlError extends Error {}
