import { stringify } from 'yaml';
import { synthesize, type Manifest } from './support/manifests';

const title = (m: Manifest) => `${m.kind} ${m.metadata.namespace ?? ''}/${m.metadata.name}`;

/**
 * The synthesized objects as YAML, one snapshot per object, so a change to a construct shows up
 * as a readable diff in review (`npx jest cdk8s -u` accepts it).
 */
describe('synthesized manifests', () => {
  const manifests = synthesize();

  test.each(manifests.map((m) => [title(m), m]))('%s', (_name, manifest) => {
    expect(stringify(manifest)).toMatchSnapshot();
  });
});

/** With EVENT_STREAM=kafka: the objects that differ from the default synthesis, or are new. */
describe('synthesized manifests with EVENT_STREAM=kafka', () => {
  const defaults = new Set(synthesize().map((m) => stringify(m)));
  const changed = synthesize({ eventStream: 'kafka' }).filter((m) => !defaults.has(stringify(m)));

  test.each(changed.map((m) => [title(m), m]))('%s', (_name, manifest) => {
    expect(stringify(manifest)).toMatchSnapshot();
  });
});
