/**
 * Templates that cannot be built. Each message must name the file, the
 * line:column and the resource/property path, what was expected and what was found.
 */
import { test } from 'node:test';
import { NETWORK, assertScenarioError, buildYaml, pos } from '../../../test/fixtures/scenarios/helpers.ts';

const F = 'net.cfn.yaml';

/** Builds `resources` (after the shared VPC and subnets) and checks the error points at `needle`. */
function bad(resources: string, needle: string, place: string, expected: RegExp, found: RegExp, head = '', nth = 0): void {
  const text = `${head}Resources:${NETWORK}${resources}`;
  assertScenarioError(() => buildYaml(text), { file: F, ...pos(text, needle, nth), place, expected, found });
}

/** Security group Sg in the shared VPC, with `rule` as its one inline ingress rule (a flow-style mapping). */
const sgIngress = (rule: string): string => `
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: x
      VpcId: !Ref Vpc
      SecurityGroupIngress: [${rule}]
`;

test('an invalid CIDR in an inline security group rule', () => {
  bad(`
  WebSG:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - { IpProtocol: tcp, FromPort: 80, ToPort: 80, CidrIp: 10.0.0.300/24 }
`, '10.0.0.300/24', 'Resources.WebSG.Properties.SecurityGroupIngress[0].CidrIp', /^a CIDR block such as 10\.0\.0\.0\/16$/, /^"10\.0\.0\.300\/24" \(AuthorizeSecurityGroupIngress refuses it/);
});

test('a subnet overlapping another subnet of the VPC', () => {
  bad(`
  SubnetC:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.128/25 }
`, '10.0.1.128/25', 'Resources.SubnetC.Properties.CidrBlock', /overlaps no other subnet/, /^"10\.0\.1\.128\/25" .*InvalidSubnet\.Conflict.*SubnetB/);
});

test('a subnet outside the VPC\'s CIDR blocks', () => {
  bad(`
  Outside:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.1.0.0/24 }
`, '10.1.0.0/24', 'Resources.Outside.Properties.CidrBlock', /inside the VPC's CIDR blocks/, /"10\.1\.0\.0\/24" .*InvalidSubnet\.Range/);
});

test('a VPC block larger than /16', () => {
  const text = 'Resources:\n  Big:\n    Type: AWS::EC2::VPC\n    Properties: { CidrBlock: 10.0.0.0/8 }\n';
  assertScenarioError(() => buildYaml(text), { file: F, ...pos(text, '10.0.0.0/8'), place: 'Resources.Big.Properties.CidrBlock', expected: /from \/16 to \/28/, found: /^"10\.0\.0\.0\/8"/ });
});

const ACL = `
  Acl:
    Type: AWS::EC2::NetworkAcl
    Properties: { VpcId: !Ref Vpc }
  In100:
    Type: AWS::EC2::NetworkAclEntry
    Properties: { NetworkAclId: !Ref Acl, RuleNumber: 100, Protocol: -1, RuleAction: allow, CidrBlock: 0.0.0.0/0 }
  Out100:
    Type: AWS::EC2::NetworkAclEntry
    Properties: { NetworkAclId: !Ref Acl, RuleNumber: 100, Egress: true, Protocol: -1, RuleAction: allow, CidrBlock: 0.0.0.0/0 }`;

test('two network ACL entries with the same rule number in the same direction', () => {
  buildYaml(`Resources:${NETWORK}${ACL}`);
  bad(`${ACL}
  Again100:
    Type: AWS::EC2::NetworkAclEntry
    Properties: { NetworkAclId: !Ref Acl, RuleNumber: 100, Protocol: 6, PortRange: { From: 22, To: 22 }, RuleAction: deny, CidrBlock: 0.0.0.0/0 }
`, '100', 'Resources.Again100.Properties.RuleNumber', /not used by another entry in the same direction/, /^100 \(CreateNetworkAclEntry refuses it: NetworkAclEntryAlreadyExists/, '', 5);
});

test('a network ACL rule number outside 1-32766', () => {
  bad(`${ACL}
  Star:
    Type: AWS::EC2::NetworkAclEntry
    Properties: { NetworkAclId: !Ref Acl, RuleNumber: 32767, Protocol: -1, RuleAction: deny, CidrBlock: 0.0.0.0/0 }
`, '32767', 'Resources.Star.Properties.RuleNumber', /^a rule number from 1 to 32766$/, /^32767 /);
});

test('a TCP network ACL entry without PortRange (CloudFormation\'s Icmp/PortRange shapes)', () => {
  bad(`${ACL}
  NoPorts:
    Type: AWS::EC2::NetworkAclEntry
    Properties: { NetworkAclId: !Ref Acl, RuleNumber: 110, Protocol: 6, RuleAction: allow, CidrBlock: 0.0.0.0/0 }
`, 'Properties: { NetworkAclId: !Ref Acl, RuleNumber: 110', 'Resources.NoPorts.Properties.PortRange', /^the property PortRange$/, /^nothing \(CreateNetworkAclEntry refuses it: MissingParameter/);
});

test('a Ref to a name the template does not have', () => {
  bad(`
  Sub:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vcp, CidrBlock: 10.0.2.0/24 }
`, 'Vcp', 'Resources.Sub.Properties.VpcId', /^Ref to name a parameter or resource of this template$/, /^"Vcp" \(did you mean "Vpc"\?\)$/);
});

test('a GetAtt of an attribute the type does not have', () => {
  bad(`
  Sub:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: !GetAtt Vpc.CidrBlok }
`, 'Vpc.CidrBlok', 'Resources.Sub.Properties.CidrBlock', /^an attribute of AWS::EC2::VPC \(CidrBlock, .*VpcId\)$/, /^"Vpc\.CidrBlok" \(did you mean "CidrBlock"\?\)$/);
});

test('a GetAtt of a resource the template does not have', () => {
  bad(`
  Sub:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !GetAtt [Vcp, VpcId], CidrBlock: 10.0.2.0/24 }
`, 'VpcId: !GetAtt', 'Resources.Sub.Properties.VpcId', /Fn::GetAtt to name a resource/, /"Vcp" \(did you mean "Vpc"\?\)/);
});

test('a missing required property', () => {
  bad(`
  Sub:
    Type: AWS::EC2::Subnet
    Properties: { CidrBlock: 10.0.2.0/24 }
`, 'Properties: { CidrBlock', 'Resources.Sub.Properties', /^the required property VpcId$/, /^none$/, '', 1);
});

test('a value of the wrong type', () => {
  bad(`
  Sub:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.2.0/24, MapPublicIpOnLaunch: [yes] }
`, 'MapPublicIpOnLaunch', 'Resources.Sub.Properties.MapPublicIpOnLaunch', /^true or false$/, /^a list of 1$/);
  bad(`${ACL}
  Entry:
    Type: AWS::EC2::NetworkAclEntry
    Properties: { NetworkAclId: !Ref Acl, RuleNumber: first, Protocol: -1, RuleAction: deny, CidrBlock: 0.0.0.0/0 }
`, 'first', 'Resources.Entry.Properties.RuleNumber', /^a whole number$/, /^"first"$/);
});

test('an unknown property, with the one that was meant', () => {
  bad(`
  Sub:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlok: 10.0.2.0/24 }
`, '10.0.2.0/24', 'Resources.Sub.Properties.CidrBlok', /^a property of AWS::EC2::Subnet$/, /^"CidrBlok" \(did you mean "CidrBlock"\?\)$/);
});

test('an unknown property inside a nested shape', () => {
  bad(sgIngress('{ IpProtocol: tcp, FromPort: 1, ToPort: 2, CidrIP: 0.0.0.0/0 }'), '0.0.0.0/0 }]', 'Resources.Sg.Properties.SecurityGroupIngress[0].CidrIP', /^a known property$/, /^"CidrIP" \(did you mean "CidrIp"\?\)$/);
});

test('an unknown resource attribute key', () => {
  bad(`
  Igw:
    Type: AWS::EC2::InternetGateway
    Propertes: {}
`, 'Propertes', 'Resources.Igw.Propertes', /^a resource attribute \(Type, Properties,/, /^"Propertes" \(did you mean "Properties"\?\)$/);
});

test('a misspelt type of a modelled resource', () => {
  bad(`
  Sub:
    Type: AWS::EC2::Subnett
    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.2.0/24 }
`, 'AWS::EC2::Subnett', 'Resources.Sub.Type', /resource type CloudFormation knows/, /"AWS::EC2::Subnett" \(did you mean "AWS::EC2::Subnet"\?\)/);
});

test('a logical id that is not alphanumeric', () => {
  bad(`
  Web-Server:
    Type: AWS::EC2::InternetGateway
`, 'Web-Server', 'Resources.Web-Server', /letters and digits only/, /"Web-Server"/);
});

test('circular conditions and unknown conditions', () => {
  const head = 'Conditions:\n  A: !Condition B\n  B: !Not [!Condition A]\n';
  const text = `${head}Resources:${NETWORK}`;
  assertScenarioError(() => buildYaml(text), { file: F, ...pos(text, 'B\n  B:'), place: 'Conditions.A', expected: /do not depend on themselves/, found: /A → B → A/ });
  bad(`
  Igw:
    Type: AWS::EC2::InternetGateway
    Condition: IsProd
`, 'IsProd', 'Resources.Igw.Condition', /name of a condition in Conditions/, /"IsProd"/);
  bad(`
  Sub:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: !If [IsPord, 10.0.2.0/24, 10.0.3.0/24] }
`, 'IsPord', 'Resources.Sub.Properties.CidrBlock.Fn::If[0]', /name of a condition/, /"IsPord" \(did you mean "IsProd"\?\)/, 'Conditions:\n  IsProd: !Equals [a, b]\n');
});

test('a Ref to a resource whose condition is false', () => {
  bad(`
  Igw:
    Type: AWS::EC2::InternetGateway
    Condition: Never
  Attach:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties: { VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw }
`, 'Igw }', 'Resources.Attach.Properties.InternetGatewayId', /resource that is created/, /"Igw", which is not created because its condition Never is false/, 'Conditions:\n  Never: !Equals [a, b]\n');
});

test('Fn::ImportValue, Fn::Select out of range, Fn::Cidr too many blocks, an unknown function', () => {
  bad(`
  Sub:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !ImportValue shared-vpc, CidrBlock: 10.0.2.0/24 }
`, 'shared-vpc', 'Resources.Sub.Properties.VpcId.Fn::ImportValue', /another stack's exports, which vpcflow does not model/, /Fn::ImportValue "shared-vpc"/);
  bad(`
  Sub:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: !Select [4, !Cidr [!GetAtt Vpc.CidrBlock, 4, 8]] }
`, '4, !Cidr', 'Resources.Sub.Properties.CidrBlock.Fn::Select[0]', /^an index from 0 to 3$/, /^4 \(the list has 4 items\)$/);
  bad(`
  Sub:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: !Select [0, !Cidr [10.0.0.0/24, 9, 5]] }
`, '9, 5', 'Resources.Sub.Properties.CidrBlock.Fn::Select[1].Fn::Cidr[1]', /at most 8 blocks of \/27 inside 10\.0\.0\.0\/24/, /^9$/);
  bad(`
  Sub:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: { "Fn::Joinn": ["", [10.0.2.0/24]] } }
`, '"Fn::Joinn"', 'Resources.Sub.Properties.CidrBlock.Fn::Joinn', /intrinsic function vpcflow supports/, /Fn::Joinn \(did you mean "Fn::Join"\?\)/);
});

test('an Fn::Sub variable the template does not have', () => {
  bad(`
  Logs:
    Type: AWS::Logs::LogGroup
    Properties: { LogGroupName: !Sub "/vpc/\${AWS::StackName}/\${Enviroment}" }
`, '"/vpc/', 'Resources.Logs.Properties.LogGroupName.Fn::Sub', /each \$\{Name\} in Fn::Sub to name a parameter, a resource or a variable/, /\$\{Enviroment\} \(did you mean "Environment"\?\)/,
  'Parameters:\n  Environment: { Type: String, Default: dev }\n');
});

test('DependsOn a resource the template does not have', () => {
  bad(`
  Igw:
    Type: AWS::EC2::InternetGateway
    DependsOn: [Vpc, SubnetC]
`, 'SubnetC', 'Resources.Igw.DependsOn[1]', /DependsOn to name a resource/, /"SubnetC"/);
});

test('a template with a Transform, and one without resources', () => {
  const t = 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Igw: { Type: AWS::EC2::InternetGateway }\n';
  assertScenarioError(() => buildYaml(t), { file: F, line: 1, column: 12, place: 'Transform', expected: /without Transform/, found: /"AWS::Serverless-2016-10-31"/ });
  assertScenarioError(() => buildYaml('Description: nothing\n'), { file: F, place: 'Resources', expected: /at least one resource/, found: /^nothing$/ });
});

test('Metadata.vpcflow: an id of the wrong shape, a pin the type does not take', () => {
  bad(`
  Web:
    Type: AWS::EC2::Instance
    Metadata: { vpcflow: { id: i-xyz } }
    Properties: { SubnetId: !Ref SubnetA }
`, 'i-xyz', 'Resources.Web.Metadata.vpcflow.id', /an id such as i-0123456789abcdef0 \(i- and 8 or 17 hex digits\)/, /^"i-xyz"$/);
  bad(`
  Sub:
    Type: AWS::EC2::Subnet
    Metadata: { vpcflow: { publicIp: 3.3.3.3 } }
    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.2.0/24 }
`, '3.3.3.3', 'Resources.Sub.Metadata.vpcflow.publicIp', /a pin AWS::EC2::Subnet takes \(id\)/, /^"publicIp"$/);
});

test('a security group rule with two sources', () => {
  bad(sgIngress('{ IpProtocol: tcp, FromPort: 1, ToPort: 2, CidrIp: 0.0.0.0/0, SourceSecurityGroupId: !GetAtt Vpc.DefaultSecurityGroup }'), 'Vpc.DefaultSecurityGroup', 'Resources.Sg.Properties.SecurityGroupIngress[0].SourceSecurityGroupId', /only one source per rule \(CidrIp is already given\)/, /CidrIp and SourceSecurityGroupId/);
});

test('an IPAM pool instead of a CIDR block', () => {
  const text = 'Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties: { Ipv4IpamPoolId: ipam-pool-0123, Ipv4NetmaskLength: 20 }\n';
  assertScenarioError(() => buildYaml(text), { file: F, ...pos(text, 'ipam-pool-0123'), place: 'Resources.Vpc.Properties.Ipv4IpamPoolId', expected: /vpcflow does not model IPAM pools/, found: /"ipam-pool-0123"/ });
});

test('an instance whose AvailabilityZone is not its subnet\'s, and an unknown security group name', () => {
  bad(`
  Web:
    Type: AWS::EC2::Instance
    Properties: { SubnetId: !Ref SubnetA, AvailabilityZone: us-east-1b }
`, 'us-east-1b', 'Resources.Web.Properties.AvailabilityZone', /^us-east-1a, the availability zone of the instance's subnet$/, /^"us-east-1b"$/);
  bad(`
  Web:
    Type: AWS::EC2::Instance
    Properties: { SubnetId: !Ref SubnetA, SecurityGroups: [default, web] }
`, 'web]', 'Resources.Web.Properties.SecurityGroups[1]', /name or id of a security group in the instance's VPC \(vpc-/, /^"web"$/);
});

test('flow log settings AWS refuses', () => {
  const fl = (extra: string) => `
  Logs:
    Type: AWS::EC2::FlowLog
    Properties: { ResourceId: !Ref Vpc, ResourceType: VPC, TrafficType: ALL, LogDestinationType: s3, LogDestination: "arn:aws:s3:::flows", ${extra} }
`;
  bad(fl('MaxAggregationInterval: 300'), '300', 'Resources.Logs.Properties.MaxAggregationInterval', /CreateFlowLogs accepts/, /^300 \(CreateFlowLogs refuses it: InvalidParameter: Invalid Flow Log Max Aggregation Interval/);
  bad(fl('LogFormat: "${srcaddr} ${bogus}"'), '"${srcaddr}', 'Resources.Logs.Properties.LogFormat', /CreateFlowLogs accepts/, /unknown field "bogus"/);
});

test('a log group retention CloudWatch Logs does not offer', () => {
  bad(`
  Logs:
    Type: AWS::Logs::LogGroup
    Properties: { RetentionInDays: 10 }
`, '10 }', 'Resources.Logs.Properties.RetentionInDays', /^one of 1, 3, 5, 7, 14, 30/, /^10$/);
});
