import { loadKafkaConfig } from './config';
import { kafkaDown, kafkaUp } from './server';

/** `shopctl kafka up|down`: the local single-node KRaft broker (make kafka-up / kafka-down). */
export async function kafka(args: string[], out: NodeJS.WritableStream): Promise<number> {
  const config = loadKafkaConfig(process.env);
  const log = (line: string) => out.write(`${line}\n`);
  if (args[0] === 'up') await kafkaUp(config, log);
  else if (args[0] === 'down') await kafkaDown(config, log);
  else {
    log('usage: shopctl kafka up|down');
    return 2;
  }
  return 0;
}
