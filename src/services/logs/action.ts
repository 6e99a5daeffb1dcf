/** One Logs action: parameters in (already JSON-decoded), a plain JSON result out (undefined: empty body). */
import type { LogsCall } from './context.ts';
import type { Params } from './params.ts';

export type LogsAction = (c: LogsCall, p: Params) => Params | undefined | Promise<Params | undefined>;
export type LogsActionTable = Readonly<Record<string, LogsAction>>;
