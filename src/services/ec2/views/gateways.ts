/** Internet gateways, Elastic IPs and NAT gateways as EC2 reports them, and their filters. */
import type { FilterTable } from '../../../core/ec2/describe/filters.ts';
import type { Params } from '../../../core/ec2/params.ts';
import type { Network } from '../../../core/model/network.ts';
import type { Address, InternetGateway, NatGateway } from '../../../core/model/types.ts';
import { tagsOut } from '../handlers/describe.ts';

export function internetGatewayView(g: InternetGateway, net: Network): Params {
  return {
    InternetGatewayId: g.id, OwnerId: net.account, Tags: tagsOut(g.tags),
    Attachments: g.vpcId ? [{ State: 'available', VpcId: g.vpcId }] : [],
  };
}

export const INTERNET_GATEWAY_FILTERS: FilterTable<InternetGateway, Network> = {
  'internet-gateway-id': (g) => g.id,
  'attachment.vpc-id': (g) => g.vpcId,
  'attachment.state': (g) => (g.vpcId ? 'available' : undefined),
  'owner-id': (_, net) => net.account,
};

export function addressView(a: Address, net: Network): Params {
  return { PublicIp: a.publicIp.text, AllocationId: a.allocationId, PublicIpv4Pool: 'amazon', NetworkBorderGroup: net.region, Domain: 'vpc' };
}

export function natGatewayView(g: NatGateway, net: Network): Params {
  const eni = net.interfaces.get(g.eniId);
  return {
    NatGatewayId: g.id, SubnetId: g.subnetId, VpcId: net.subnets.get(g.subnetId)?.vpcId, State: g.state,
    ConnectivityType: g.connectivity, Tags: tagsOut(g.tags),
    NatGatewayAddresses: [{
      AllocationId: g.allocationId, NetworkInterfaceId: g.eniId, PrivateIp: eni?.privateIps[0]?.text,
      PublicIp: g.allocationId ? net.addresses.get(g.allocationId)?.publicIp.text : undefined,
    }],
  };
}

export const NAT_GATEWAY_FILTERS: FilterTable<NatGateway, Network> = {
  'nat-gateway-id': (g) => g.id,
  'subnet-id': (g) => g.subnetId,
  'vpc-id': (g, net) => net.subnets.get(g.subnetId)?.vpcId,
  state: (g) => g.state,
};
