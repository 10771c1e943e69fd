// node claims.js MANIFESTS.yaml...: one `<claim template>-<statefulset>-0:<runAsUser>` line per
// StatefulSet claim (scripts/cluster/volumes.sh makes their volumes).
const { readFileSync } = require('node:fs');
const { parseAllDocuments } = require('yaml');

for (const file of process.argv.slice(2)) {
  for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
    const o = doc.toJS();
    if (o?.kind !== 'StatefulSet') continue;
    for (const t of o.spec.volumeClaimTemplates ?? [])
      process.stdout.write(
        `${t.metadata.name}-${o.metadata.name}-0:${o.spec.template.spec.securityContext.runAsUser}\n`,
      );
  }
}
