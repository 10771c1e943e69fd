import { loadKafkaConfig } from './config';
import { ensureJars, ensureToolchain } from './jars';
import { kafkaDown, kafkaUp } from './server';

/**
 * `shopctl kafka up|down`: the local single-node KRaft broker (make kafka-up / kafka-down);
 * `jars`: only fetch its jars and print their folder (the Kafka image of make images copies them).
 */
export async function kafka(args: string[], out: NodeJS.WritableStream): Promise<number> {
  const config = loadKafkaConfig(process.env);
  const log = (line: string) => out.write(`${line}\n`);
  if (args[0] === 'up') await kafkaUp(config, log);
  else if (args[0] === 'down') await kafkaDown(config, log);
  else if (args[0] === 'jars') {
    await ensureToolchain((line) => process.stderr.write(`${line}\n`));
    log(await ensureJars(config, (line) => process.stderr.write(`${line}\n`)));
  } else {
    log('usage: shopctl kafka up|down|jars');
    return 2;
  }
  return 0;
}
