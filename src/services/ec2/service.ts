/**
 * The EC2 API (query protocol, version 2016-11-15): parameters in, handler,
 * XML out. Every action AWS gives `DryRun` takes it: a dry run that parses
 * answers `DryRunOperation` (HTTP 412) and changes nothing. Every other call
 * but Describe* runs through `ServerState.runEc2Change`, which journals it
 * when the server has a data folder.
 */
import { Ec2Error } from '../../core/ec2/errors.ts';
import { dryRunSucceeded } from '../../core/ec2/dry-run.ts';
import { isMutatingEc2Action } from '../../server/ec2-journal.ts';
import type { ErrorLike, Service, ServiceRequest, ServiceResponse } from '../../server/types.ts';
import { queryErrorXml } from '../../server/xml.ts';
import type { Ec2Action } from './action.ts';
import { EC2_ACTIONS } from './handlers/index.ts';
import { decodeInput } from './protocol/decode.ts';
import { readForm } from './protocol/form.ts';
import { responseXml } from './protocol/serialize.ts';
import { B, type StructShape, struct } from './shapes/dsl.ts';

const XML = { 'content-type': 'text/xml;charset=UTF-8' };

/** Nearly every EC2 request has `DryRun`; the parity test checks which against botocore. */
const requestShapes = new Map<string, StructShape>();
function requestShape(action: string, def: Ec2Action): StructShape {
  let s = requestShapes.get(action);
  if (!s) {
    s = def.dryRun === false ? def.input : struct({ ...def.input.members, DryRun: B }, def.input.required);
    requestShapes.set(action, s);
  }
  return s;
}

function isForm(req: ServiceRequest): boolean {
  const ct = req.headers['content-type'];
  return ct === undefined || /^application\/x-www-form-urlencoded\b/i.test(ct);
}

async function handle(req: ServiceRequest): Promise<ServiceResponse> {
  const body = isForm(req) ? (await req.body()).toString('utf8') : '';
  const flat = readForm(req.url.search, body);
  const action = flat.get('Action');
  if (!action) throw new Ec2Error('MissingAction', 'The request must contain the parameter Action.');
  flat.delete('Action');
  flat.delete('Version');
  const def = Object.hasOwn(EC2_ACTIONS, action) ? EC2_ACTIONS[action] : undefined;
  if (!def) throw new Ec2Error('InvalidAction', `The action ${action} is not valid for this web service.`);
  const params = decodeInput(requestShape(action, def), flat, action);
  if (params.DryRun === true) throw dryRunSucceeded();
  delete params.DryRun;
  const run = () => def.run({ state: req.state, action, server: req.server }, params);
  // A call that may change state goes through the server state: listeners, one pinned time, the journal (answered once durable).
  const result = isMutatingEc2Action(action) ? await req.server.runEc2Change(req.region, action, params, run) : run();
  return { status: 200, headers: XML, body: responseXml(action, def.output, result, req.requestId) };
}

export const EC2_SERVICE: Service = {
  name: 'ec2',
  title: 'EC2 (query protocol, API version 2016-11-15)',
  signingName: 'ec2',
  acceptsActionParam: true,
  handle,
  renderError: (err: ErrorLike, requestId: string): ServiceResponse =>
    ({ status: err.httpStatus, headers: XML, body: queryErrorXml(err.code, err.message, requestId) }),
  coverage: () => Object.entries(EC2_ACTIONS).sort(([a], [b]) => a.localeCompare(b)).map(([action, def]) => ({
    action, notes: def.filters ? `filters: ${def.filters.join(', ')}` : undefined,
  })),
};
