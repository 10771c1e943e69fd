/** Whether a Kafka broker at `bootstrap` answers a metadata request and names its controller. */
export async function kafkaAnswers(bootstrap: string): Promise<boolean> {
  // An ES module: imported, not required, from this CommonJS package.
  const { Admin } = await import('@platformatic/kafka');
  const admin = new Admin({
    clientId: 'shopctl-probe',
    bootstrapBrokers: [bootstrap],
    connectTimeout: 2000,
    requestTimeout: 3000,
    retries: 0,
  });
  try {
    const metadata = await admin.metadata({ topics: [] });
    return metadata.brokers.size > 0 && metadata.controllerId >= 0;
  } catch {
    return false;
  } finally {
    await admin.close().catch(() => undefined);
  }
}
