import { readFileSync } from 'node:fs';
import { edges } from '@shop/topology';
import { serviceAt, type StackOptions } from './env';

export interface CallEdge {
  readonly caller: string;
  readonly callee: string;
  readonly method: string;
  readonly path: string;
}

/**
 * Reads a call log (CALL_LOG_FILE) written by the services of a stack and returns every call
 * as an edge, plus those the topology does not declare (a callee nobody declared, or a URL
 * that is no service of the stack).
 */
export function checkCallLog(
  file: string,
  options: StackOptions,
): { calls: CallEdge[]; undeclared: CallEdge[] } {
  const declared = new Set(edges().map((e) => `${e.from}->${e.to}`));
  const calls = readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { caller: string; method: string; url: string })
    .map((call) => ({
      caller: call.caller,
      callee: serviceAt(call.url, options) ?? new URL(call.url).host,
      method: call.method,
      path: new URL(call.url).pathname,
    }));
  return { calls, undeclared: calls.filter((c) => !declared.has(`${c.caller}->${c.callee}`)) };
}
