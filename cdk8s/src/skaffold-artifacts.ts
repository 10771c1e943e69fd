import { parseDocument, type YAMLSeq } from 'yaml';
import type { ServiceSpec } from '@shop/topology';

/**
 * skaffold.yaml with `build.artifacts` set to one image per service, built from the shared
 * Dockerfile; everything else (comments, profiles, the `&artifacts` anchor they alias) is kept.
 */
export function withSkaffoldArtifacts(
  skaffoldYaml: string,
  services: readonly ServiceSpec[],
): string {
  const doc = parseDocument(skaffoldYaml);
  const artifacts = doc.getIn(['build', 'artifacts'], true) as YAMLSeq;
  artifacts.items = services.map((s) =>
    doc.createNode({
      image: `shop/${s.name}`,
      context: '.',
      docker: { dockerfile: 'Dockerfile', target: 'runtime', buildArgs: { SERVICE: s.name } },
    }),
  );
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}
