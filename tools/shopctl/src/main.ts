type Command = (args: string[], out: NodeJS.WritableStream) => Promise<number>;

/** Each command is loaded when run, so `infra up` does not pay for the Kubernetes client. */
const COMMANDS: Record<string, { load: () => Promise<Command>; help: string }> = {
  demo: {
    load: async () => (await import('./commands/demo.js')).demo,
    help: 'run every service locally with a seeded catalog',
  },
  'demo-reset': {
    load: async () => (await import('./commands/demo-reset.js')).demoReset,
    help: "drop the demo's databases, queues and exchanges",
  },
  infra: {
    load: async () => (await import('./infra/command.js')).infra,
    help: 'up|down [postgres] [rabbitmq] [mongo]: the local servers',
  },
  kafka: {
    load: async () => (await import('./kafka/command.js')).kafka,
    help: 'up|down|jars: the local single-node KRaft Kafka broker (127.0.0.1:9092), or its jars',
  },
  dlq: {
    load: async () => (await import('./commands/dlq.js')).dlq,
    help: 'list|replay <queue> [messageId]: dead-lettered messages',
  },
  status: {
    load: async () => (await import('./commands/status.js')).status,
    help: '[-n namespace]: replicas, sidecar and mTLS per service (kubeconfig)',
  },
  bench: {
    load: async () => (await import('./commands/bench.js')).bench,
    help: 'one run, one report: edge, checkout in both saga modes, idle RSS, single-process baseline',
  },
  'bench-streams': {
    load: async () => (await import('./commands/bench-streams.js')).benchStreams,
    help: 'order events/s into and out of the Kafka topic and the RabbitMQ stream queue',
  },
  'bench-saga': {
    load: async () => (await import('./commands/bench-saga.js')).benchSaga,
    help: 'saga benchmark: customers ordering through the gateway',
  },
  chaos: {
    load: async () => (await import('./commands/chaos.js')).chaos,
    help: 'checkout load under kill -9 and broker/database outages, then every promise checked',
  },
  'check-invariants': {
    load: async () => (await import('./commands/check-invariants.js')).checkInvariants,
    help: "saga invariants over the services' stores",
  },
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    process.stdout.write('usage: shopctl <command>\n');
    for (const [n, c] of Object.entries(COMMANDS))
      process.stdout.write(`  ${n.padEnd(18)} ${c.help}\n`);
    return name ? 2 : 0;
  }
  return (await command.load())(args, process.stdout);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`shopctl: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
