/**
 * Scenario files that cannot be understood. Each message must name the file,
 * the line:column and the place, what was expected and what was found.
 */
import { test } from 'node:test';
import { WEB_DB, assertScenarioError, loadYaml, pos } from '../../../test/fixtures/scenarios/helpers.ts';

const TEMPLATE = `Parameters:
  Env: { Type: String, Default: dev, AllowedValues: [dev, prod] }
Resources:${WEB_DB}
`;

const HEAD = 'name: t\ntemplate: ./net.cfn.yaml\n';

/** Loads `HEAD + body` and checks the error points at `needle` in the scenario file. */
function bad(body: string, needle: string, place: string, expected: RegExp, found: RegExp, nth = 0, head = HEAD): void {
  const text = head + body;
  assertScenarioError(() => loadYaml(text, TEMPLATE), { file: 'scenario.yaml', ...pos(text, needle, nth), place, expected, found });
}

test('an unknown top-level key, with the one that was meant', () => {
  bad('traffik: []\n', 'traffik', 'traffik', /^a scenario field \(name, /, /^"traffik" \(did you mean "traffic"\?\)$/);
});

test('an account written as a number, or not of 12 digits', () => {
  bad('account: 123456789012\n', '123456789012', 'account', /12 digits written as a quoted string/, /^the number 123456789012$/);
  bad('account: "12345678901"\n', '"12345678901"', 'account', /12 digits/, /^"12345678901"$/);
});

test('a region that is not a region name', () => {
  bad('region: us-east\n', 'us-east', 'region', /AWS region name/, /^"us-east"$/);
});

test('a start that is not a UTC ISO-8601 time, or not a real date', () => {
  bad('start: 2026-01-01 00:00\n', '2026', 'start', /UTC time in ISO-8601 form/, /^"2026-01-01 00:00"$/);
  bad('start: 2026-02-30T00:00:00Z\n', '2026', 'start', /ISO-8601/, /^"2026-02-30T00:00:00Z"$/);
});

test('a duration that is not a duration', () => {
  bad('duration: 5 minutes\n', '5 minutes', 'duration', /^a duration such as 90s, 5m, 1h30m, 2h or a number of seconds, more than 0$/, /^"5 minutes"$/);
});

test('both template and resources, or neither', () => {
  bad('resources: {}\n', 'resources', 'resources', /either template or resources, not both/, /^both$/);
  bad('seed: 3\n', 'name', '', /a template \(path of a CloudFormation template\) or resources/, /^neither$/, 0, 'name: t\n');
});

test('parameters the template does not declare, or values it does not allow', () => {
  bad('parameters: { Envv: prod }\n', 'prod', 'parameters.Envv', /a parameter the template declares \(Env\)/, /^"Envv" \(did you mean "Env"\?\)$/);
  bad('parameters: { Env: staging }\n', 'staging', 'parameters.Env', /^one of dev, prod \(parameter Env\)$/, /^"staging"$/);
});

test('a host address that is not an IP address, and a host name that hides an instance', () => {
  bad('hosts: { home: 198.51.100.300 }\n', '198.51.100.300', 'hosts.home', /IPv4 or IPv6 address/, /^"198\.51\.100\.300"$/);
  bad('hosts: { Web: 198.51.100.7 }\n', '198.51.100.7', 'hosts.Web', /different from every instance and interface/, /also the logical id of an AWS::EC2::Instance/);
});

test('listen ports that are not ports, for an endpoint that does not exist', () => {
  bad('listen: { Web: [80, 0] }\n', '0] }', 'listen.Web[1]', /each 1-65535/, /^0$/);
  bad('listen: { Wbe: [80] }\n', 'Wbe', 'listen.Wbe', /instance or network interface of the template, a name from hosts, or an IP address/, /"Wbe" \(did you mean "Web"\?\)/);
});

test('a traffic endpoint that is not one, with the one that was meant', () => {
  bad('traffic:\n  - tcp: { from: Wbe, to: Db, port: 80 }\n', 'Wbe', 'traffic[0].tcp.from', /instance or network interface of the template, a name from hosts, or an IP address/, /^"Wbe" \(did you mean "Web"\?\)$/);
  bad('traffic:\n  - tcp: { from: Web, to: Subnet, port: 80 }\n', 'Subnet', 'traffic[0].tcp.to', /instance or network interface/, /"Subnet", which is an AWS::EC2::Subnet/);
});

test('a traffic item with two kinds, or none', () => {
  bad('traffic:\n  - at: 1m\n    tcp: { from: Web, to: Db, port: 80 }\n    udp: { from: Web, to: Db, port: 53, request: 40 }\n', 'at: 1m', 'traffic[0]', /^exactly one of tcp, udp, icmp, scan, packets$/, /^tcp and udp$/);
  bad('traffic:\n  - at: 1m\n', 'at: 1m', 'traffic[0]', /exactly one of/, /^none$/);
});

test('repeat without every', () => {
  bad('traffic:\n  - tcp: { from: Web, to: Db, port: 80, repeat: 3 }\n', 'tcp:', 'traffic[0].tcp', /the field every .* when repeat is more than 1/, /^none$/);
});

test('missing and misspelt traffic fields', () => {
  bad('traffic:\n  - tcp: { from: Web, to: Db }\n', 'tcp:', 'traffic[0].tcp', /^the field port \(a port from 1 to 65535\)$/, /^none$/);
  bad('traffic:\n  - tcp: { from: Web, to: Db, port: 80, reqest: 10 }\n', '10 }', 'traffic[0].tcp.reqest', /^a field of tcp \(from, to, sport, repeat, every, port, request, response, duration, retries\)$/, /^"reqest" \(did you mean "request"\?\)$/);
  bad('traffic:\n  - udp: { from: Web, to: 8.8.8.8, port: 53 }\n', 'udp:', 'traffic[0].udp', /^the field request/, /^none$/);
});

test('ports and sizes out of range', () => {
  bad('traffic:\n  - scan: { from: Web, to: Db, ports: "1-70000" }\n', '"1-70000"', 'traffic[0].scan.ports', /each 1-65535/, /^"1-70000"$/);
  bad('traffic:\n  - tcp: { from: Web, to: Db, port: 80, sport: 0 }\n', '0 }', 'traffic[0].tcp.sport', /^a source port from 1 to 65535$/, /^0$/);
  bad('traffic:\n  - udp: { from: Web, to: Db, port: 53, request: 70000 }\n', '70000', 'traffic[0].udp.request', /from 0 to 65507/, /^70000$/);
  bad('traffic:\n  - scan: { from: Web, to: Db, ports: 22, proto: icmp }\n', 'icmp', 'traffic[0].scan.proto', /^tcp or udp$/, /^"icmp"$/);
});

test('a traffic item from an endpoint to itself', () => {
  bad('traffic:\n  - icmp: { from: Web, to: Web }\n', 'Web }', 'traffic[0].icmp.to', /an endpoint other than from/, /^"Web"$/);
});

test('options that are not options', () => {
  bad('options: { capacity: -1 }\n', '-1', 'options.capacity', /0 \(unlimited\) or more/, /^-1$/);
  bad('options: { nodta: true }\n', 'true', 'options.nodta', /an option \(nodata, capacity\)/, /did you mean "nodata"/);
});

test('a change with an action EC2 does not have', () => {
  bad('changes:\n  - at: 10m\n    action: RevokeSecurityGroupIngres\n', 'RevokeSecurityGroupIngres', 'changes[0].action', /an EC2 action/, /^"RevokeSecurityGroupIngres" \(did you mean "RevokeSecurityGroupIngress"\?\)$/);
});

test('a change without at, or whose !Ref names no resource', () => {
  bad('changes:\n  - action: DeleteRoute\n', 'action', 'changes[0]', /the field at/, /^none$/);
  bad('changes:\n  - at: 1m\n    action: DeleteNetworkAclEntry\n    params: { NetworkAclId: !Ref Acl, RuleNumber: 100 }\n', 'Acl,', 'changes[0].params.NetworkAclId', /Ref to name a parameter or resource/, /^"Acl"$/);
});

test('an error in inline resources is placed in the scenario file', () => {
  const text = 'name: inline\nresources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties: { CidrBlok: 10.0.0.0/16 }\n';
  assertScenarioError(() => loadYaml(text), {
    file: 'scenario.yaml', ...pos(text, '10.0.0.0/16'), place: 'resources.Vpc.Properties.CidrBlok', expected: /a property of AWS::EC2::VPC/, found: /did you mean "CidrBlock"/,
  });
});

test('an error in the template names the template file, not the scenario', () => {
  const template = TEMPLATE.replace('10.0.0.0/24', '10.0.0.0/33');
  assertScenarioError(() => loadYaml(HEAD, template), {
    file: 'net.cfn.yaml', ...pos(template, '10.0.0.0/33'), place: 'Resources.Subnet.Properties.CidrBlock', expected: /CIDR block such as 10\.0\.0\.0\/16/, found: /^"10\.0\.0\.0\/33"/,
  });
});
