/** AWS::EC2::InternetGateway, AWS::EC2::VPCGatewayAttachment, AWS::EC2::NatGateway. */
import { attachInternetGateway, createInternetGateway, createNatGateway } from '../../ec2/gateways.ts';
import type { InternetGateway, NatGateway } from '../../model/types.ts';
import { describeValue } from '../../scenario/describe.ts';
import { defineHandler } from '../handler.ts';
import { int, opaque, required, str, strList, tags } from '../shapes.ts';

export const internetGatewayHandler = defineHandler<InternetGateway>({
  properties: { Tags: tags },
  pins: { id: 'igw' },
  create: (run) => run.ec2('CreateInternetGateway', () => createInternetGateway(run.ctx, { Tags: run.props.Tags }, { logicalId: run.logicalId, id: run.pins.id })),
  ref: (g) => g.id,
  attributes: { InternetGatewayId: (g) => g.id },
});

interface Attachment { gatewayId: string; vpcId: string }

export const vpcGatewayAttachmentHandler = defineHandler<Attachment>({
  properties: { VpcId: required(str), InternetGatewayId: str, VpnGatewayId: str },
  create(run) {
    const { VpcId: vpcId, InternetGatewayId: igw, VpnGatewayId: vgw } = run.props as Record<string, string | undefined>;
    if (igw !== undefined && vgw !== undefined) run.fail(['VpnGatewayId'], 'either InternetGatewayId or VpnGatewayId, not both', describeValue(vgw));
    if (vgw !== undefined) {
      run.warn(`VpnGatewayId ${vgw} is not modelled: routes to it lead out of the network`);
      return { gatewayId: vgw, vpcId: vpcId! };
    }
    if (igw === undefined) return run.fail([], 'the property InternetGatewayId (or VpnGatewayId)', 'neither');
    run.ec2('AttachInternetGateway', () => attachInternetGateway(run.ctx, { InternetGatewayId: igw, VpcId: vpcId }), ['InternetGatewayId']);
    return { gatewayId: igw, vpcId: vpcId! };
  },
  ref: (a) => `${a.gatewayId}|${a.vpcId}`,
  attributes: {},
});

export const natGatewayHandler = defineHandler<NatGateway>({
  properties: {
    SubnetId: required(str), AllocationId: str, ConnectivityType: str, PrivateIpAddress: str,
    SecondaryAllocationIds: strList, SecondaryPrivateIpAddresses: strList, SecondaryPrivateIpAddressCount: int,
    ...opaque('MaxDrainDurationSeconds', 'AvailabilityMode', 'VpcId', 'AvailabilityZoneAddresses'), Tags: tags,
  },
  pins: { id: 'nat', eni: true },
  create(run) {
    for (const name of ['SecondaryAllocationIds', 'SecondaryPrivateIpAddresses', 'SecondaryPrivateIpAddressCount']) {
      if (run.props[name] !== undefined) run.warn(`${name} is not modelled: the NAT gateway uses its primary address only`);
    }
    const p = run.props;
    return run.ec2('CreateNatGateway', () => createNatGateway(run.ctx, {
      SubnetId: p.SubnetId, AllocationId: p.AllocationId, ConnectivityType: p.ConnectivityType, PrivateIpAddress: p.PrivateIpAddress, Tags: p.Tags,
    }, { logicalId: run.logicalId, id: run.pins.id, eniId: run.pins.eni }), (e) => [/address|elastic/i.test(e.message) ? 'AllocationId' : 'SubnetId']);
  },
  ref: (n) => n.id,
  attributes: { NatGatewayId: (n) => n.id },
});
