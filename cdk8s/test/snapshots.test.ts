import { stringify } from 'yaml';
import { synthesizeFullTopology } from './support/manifests';

/**
 * The synthesized objects as YAML, one snapshot per object, so a change to a construct shows up
 * as a readable diff in review (`npx jest cdk8s -u` accepts it). Every service of the topology
 * is deployed here, so implementing one more service changes no snapshot.
 */
describe('synthesized manifests', () => {
  const manifests = synthesizeFullTopology();

  test.each(
    manifests.map((m) => [`${m.kind} ${m.metadata.namespace ?? ''}/${m.metadata.name}`, m]),
  )('%s', (_name, manifest) => {
    expect(stringify(manifest)).toMatchSnapshot();
  });
});
