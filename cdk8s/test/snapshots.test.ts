import { stringify } from 'yaml';
import { synthesize } from './support/manifests';

/**
 * The synthesized objects as YAML, one snapshot per object, so a change to a construct shows up
 * as a readable diff in review (`npx jest cdk8s -u` accepts it).
 */
describe('synthesized manifests', () => {
  const manifests = synthesize();

  test.each(
    manifests.map((m) => [`${m.kind} ${m.metadata.namespace ?? ''}/${m.metadata.name}`, m]),
  )('%s', (_name, manifest) => {
    expect(stringify(manifest)).toMatchSnapshot();
  });
});
