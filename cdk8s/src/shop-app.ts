import { App, YamlOutputType } from 'cdk8s';
import { DependenciesChart } from './charts/dependencies-chart';
import { MeshChart } from './charts/mesh-chart';
import { ObservabilityChart } from './charts/observability-chart';
import { PlatformChart } from './charts/platform-chart';
import { ServicesChart } from './charts/services-chart';
import { defaultDeliveryOptions, type DeliveryOptions } from './config/delivery-options';

/**
 * The whole shop as a cdk8s App: one YAML file per chart, numbered in apply order
 * (namespace and credentials, stateful dependencies, services, mesh, dashboards).
 */
export function shopApp(options: DeliveryOptions = defaultDeliveryOptions, outdir = 'dist'): App {
  const app = new App({ outdir, yamlOutputType: YamlOutputType.FILE_PER_CHART });
  const platform = new PlatformChart(app, 'platform', { services: options.services });
  const dependencies = new DependenciesChart(app, 'dependencies', {
    services: options.services,
    eventStream: options.eventStream,
  });
  const services = new ServicesChart(app, 'services', options);
  const mesh = new MeshChart(app, 'mesh');
  dependencies.addDependency(platform);
  services.addDependency(dependencies);
  mesh.addDependency(services);
  new ObservabilityChart(app, 'observability').addDependency(mesh);
  return app;
}
