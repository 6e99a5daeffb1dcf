/**
 * Query results as plain values: integers of any width become JS numbers
 * (sums of bigint columns are HUGEINT in DuckDB; callers and `--json` want
 * numbers, and flow log counts stay far below 2^53), decimals become numbers,
 * dates and timestamps their SQL text, lists arrays, structs objects.
 */
import {
  DuckDBTypeId, JsonDuckDBValueConverter, doubleFromDecimalValue,
  type DuckDBResultReader, type DuckDBValueConverter, type Json,
} from '@duckdb/node-api';

export type Value = string | number | boolean | null | Value[] | { [k: string]: Value };
export type Row = Record<string, Value>;

export interface Column { name: string; type: string }
export interface QueryResult { columns: Column[]; rows: Row[] }

const INTEGER_IDS = new Set<DuckDBTypeId>([
  DuckDBTypeId.BIGINT, DuckDBTypeId.UBIGINT, DuckDBTypeId.HUGEINT, DuckDBTypeId.UHUGEINT, DuckDBTypeId.BIGNUM,
]);

const toValue: DuckDBValueConverter<Json> = (value, type, converter) => {
  if (value === null) return null;
  if (INTEGER_IDS.has(type.typeId)) return Number(value as bigint);
  if (type.typeId === DuckDBTypeId.DECIMAL) return doubleFromDecimalValue(value);
  if (type.typeId === DuckDBTypeId.DOUBLE || type.typeId === DuckDBTypeId.FLOAT) {
    const n = value as number;
    return Number.isFinite(n) ? n : String(n);
  }
  return JsonDuckDBValueConverter(value, type, converter === toValue ? toValue : converter);
};

export function readResult(result: DuckDBResultReader): QueryResult {
  const names = result.columnNames();
  const types = result.columnTypes();
  const columns = names.map((name, i) => ({ name, type: types[i]!.toString() }));
  const rows = result.convertRowObjects(toValue) as Row[];
  return { columns, rows };
}
