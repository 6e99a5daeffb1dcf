/**
 * Athena (Trino/Presto) functions that flow log queries use and DuckDB names
 * differently, as macros, so AWS's documented queries run as written:
 * `day_of_week(date)`, `to_iso8601(from_unixtime(start))`, `to_unixtime(ts)`,
 * `approx_distinct(x)`. DuckDB already has split_part, date literals,
 * `current_date - interval '7' day` and the rest those queries use.
 */
export const PRESTO_MACROS: readonly string[] = [
  // Trino's day_of_week is ISO: Monday 1 … Sunday 7.
  `CREATE OR REPLACE TEMP MACRO day_of_week(d) AS isodow(d)`,
  `CREATE OR REPLACE TEMP MACRO dow(d) AS isodow(d)`,
  `CREATE OR REPLACE TEMP MACRO from_unixtime(s) AS to_timestamp(s)`,
  `CREATE OR REPLACE TEMP MACRO to_unixtime(t) AS epoch(t)`,
  // Trino prints UTC instants as 2021-04-01T00:00:00.000Z.
  `CREATE OR REPLACE TEMP MACRO to_iso8601(t) AS strftime(t, '%Y-%m-%dT%H:%M:%S.%gZ')`,
  `CREATE OR REPLACE TEMP MACRO approx_distinct(x) AS approx_count_distinct(x)`,
];
