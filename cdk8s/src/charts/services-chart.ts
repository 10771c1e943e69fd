import { Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import { inboundAccess, outboundPeers } from '../access-graph';
import type { DeliveryOptions } from '../config/delivery-options';
import { MicroService } from '../constructs/micro-service';
import { SHOP_NAMESPACE } from '../naming';

/** One MicroService per deployed service of the topology. */
export class ServicesChart extends Chart {
  constructor(scope: Construct, id: string, options: DeliveryOptions) {
    super(scope, id, { namespace: SHOP_NAMESPACE, disableResourceNameHashes: true });
    const image = (name: string, tag: string = options.imageTag) => `${options.imageRegistry}/${name}:${tag}`;
    for (const spec of options.services) {
      const canary = options.canary?.service === spec.name ? options.canary : undefined;
      const faults = options.faults?.service === spec.name ? options.faults : undefined;
      const clientSideDiscovery = spec.name === 'gateway' && options.discovery === 'kubernetes';
      new MicroService(this, spec.name, {
        spec,
        image: image(spec.name),
        inbound: inboundAccess(spec, options.services),
        outbound: outboundPeers(spec, options.services, options.eventStream),
        eventStream: options.eventStream,
        ...(canary ? { canary: { weight: canary.weight, image: image(spec.name, canary.imageTag) } } : {}),
        ...(faults ? { faults } : {}),
        ...(clientSideDiscovery ? { extraConfig: { DISCOVERY: 'kubernetes' }, readsEndpointSlices: true } : {}),
      });
    }
  }
}
