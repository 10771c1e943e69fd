import { parse } from 'yaml';

/** The value that selects the event stream in the chart (DeliveryOptions.eventStream). */
const IS_KAFKA = '{{- if eq .Values.eventStream "kafka" }}';

/**
 * One synthesized file of both event streams as the chart's documents: a document alike in both
 * is kept as it is; one that differs (a ConfigMap, a NetworkPolicy) becomes `if kafka … else …`;
 * one only Kafka has (its StatefulSet, Service, policies) is kept only for `kafka`. `render`
 * turns one synthesized document into its template.
 */
export function mergeStreamVariants(
  rabbitmq: readonly string[],
  kafka: readonly string[],
  render: (doc: string) => string,
): string[] {
  const byKey = new Map(rabbitmq.map((doc) => [keyOf(doc), doc]));
  const kafkaKeys = new Set(kafka.map(keyOf));
  const onlyRabbitmq = rabbitmq.filter((doc) => !kafkaKeys.has(keyOf(doc)));
  if (onlyRabbitmq.length > 0) {
    throw new Error(`objects only without Kafka are not supported: ${onlyRabbitmq.map(keyOf)}`);
  }
  return kafka.map((doc) => {
    const other = byKey.get(keyOf(doc));
    if (other === doc) return render(doc);
    if (other === undefined) return `${IS_KAFKA}\n${render(doc)}{{- end }}\n`;
    return `${IS_KAFKA}\n${render(doc)}{{- else }}\n${render(other)}{{- end }}\n`;
  });
}

function keyOf(doc: string): string {
  const object = parse(doc) as { kind: string; metadata: { name: string; namespace?: string } };
  return `${object.kind}/${object.metadata.namespace ?? ''}/${object.metadata.name}`;
}
