/** The EC2 service: re-exports, and the request hook that lets handlers reach the server (server-of.ts). */
import type { Service } from '../../server/types.ts';
import { recordServer } from './server-of.ts';
import { EC2_SERVICE as QUERY_SERVICE } from './service.ts';

export const EC2_SERVICE: Service = {
  ...QUERY_SERVICE,
  handle: (req) => {
    recordServer(req.state, req.server);
    return QUERY_SERVICE.handle(req);
  },
};
export { EC2_ACTIONS } from './handlers/index.ts';
