import { benchSaga } from './commands/bench-saga';
import { checkInvariants } from './commands/check-invariants';
import { demo } from './commands/demo';
import { demoReset } from './commands/demo-reset';
import { dlq } from './commands/dlq';
import { status } from './commands/status';

type Command = (args: string[], out: NodeJS.WritableStream) => Promise<number>;

const COMMANDS: Record<string, { run: Command; help: string }> = {
  demo: { run: demo, help: 'run every service locally with a seeded catalog' },
  'demo-reset': { run: demoReset, help: "drop the demo's databases, queues and exchanges" },
  dlq: { run: dlq, help: 'list|replay <queue> [messageId]: dead-lettered messages' },
  status: {
    run: status,
    help: '[-n namespace]: replicas, sidecar and mTLS per service (kubeconfig)',
  },
  'bench-saga': { run: benchSaga, help: 'saga benchmark: customers ordering through the gateway' },
  'check-invariants': { run: checkInvariants, help: "saga invariants over the services' stores" },
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
  return command.run(args, process.stdout);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`shopctl: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
