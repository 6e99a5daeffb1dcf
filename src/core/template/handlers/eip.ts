/** AWS::EC2::EIP and AWS::EC2::EIPAssociation. */
import { allocateAddress, associateAddress } from '../../ec2/gateways.ts';
import type { Address } from '../../model/types.ts';
import { describeValue } from '../../scenario/describe.ts';
import { defineHandler } from '../handler.ts';
import { opaque, str, tags } from '../shapes.ts';

export const eipHandler = defineHandler<Address>({
  properties: {
    Domain: str, InstanceId: str, Address: str, Tags: tags,
    ...opaque('NetworkBorderGroup', 'PublicIpv4Pool', 'TransferAddress', 'IpamPoolId'),
  },
  pins: { id: 'eipalloc', publicIp: true },
  create(run) {
    const domain = run.props.Domain;
    if (domain !== undefined && domain !== 'vpc' && domain !== 'standard') run.fail(['Domain'], 'vpc or standard', describeValue(domain));
    const a = run.ec2('AllocateAddress', () => allocateAddress(run.ctx, { Address: run.props.Address, Tags: run.props.Tags }, {
      logicalId: run.logicalId, id: run.pins.id, publicIp: run.pins.publicIp,
    }), ['Address']);
    if (run.props.InstanceId !== undefined) {
      run.ec2('AssociateAddress', () => associateAddress(run.ctx, { AllocationId: a.allocationId, InstanceId: run.props.InstanceId }), ['InstanceId']);
    }
    return a;
  },
  // An Elastic IP's Ref is its public address.
  ref: (a) => a.publicIp.text,
  attributes: {
    AllocationId: (a) => a.allocationId,
    PublicIp: (a) => a.publicIp.text,
  },
});

interface Association { id: string }

export const eipAssociationHandler = defineHandler<Association>({
  properties: { AllocationId: str, EIP: str, InstanceId: str, NetworkInterfaceId: str, PrivateIpAddress: str },
  pins: { id: 'eipassoc' },
  create(run) {
    const p = run.props;
    if (p.AllocationId === undefined && p.EIP === undefined) run.fail([], 'the property AllocationId (or EIP)', 'neither');
    if (p.InstanceId === undefined && p.NetworkInterfaceId === undefined) run.fail([], 'the property InstanceId or NetworkInterfaceId', 'neither');
    const id = run.ec2('AssociateAddress', () => associateAddress(run.ctx, {
      AllocationId: p.AllocationId, PublicIp: p.EIP, InstanceId: p.InstanceId, NetworkInterfaceId: p.NetworkInterfaceId, PrivateIpAddress: p.PrivateIpAddress,
    }, { logicalId: run.logicalId, id: run.pins.id }), (e) => [/allocation|address '/i.test(e.message) ? (p.AllocationId !== undefined ? 'AllocationId' : 'EIP') : p.InstanceId !== undefined ? 'InstanceId' : 'NetworkInterfaceId']);
    return { id };
  },
  ref: (a) => a.id,
  attributes: { Id: (a) => a.id },
});
