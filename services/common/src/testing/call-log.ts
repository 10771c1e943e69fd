import { subscribe } from 'node:diagnostics_channel';
import { appendFileSync } from 'node:fs';
import type { ClientRequest } from 'node:http';

/** One outbound HTTP call as the conformance check reads it. */
export interface RecordedCall {
  readonly caller: string;
  readonly method: string;
  /** `http://host:port/path` as called. */
  readonly url: string;
}

/**
 * Test hook: appends every outbound HTTP call of this process (fetch and node:http, through Node's
 * diagnostics channels) to `file` as JSON lines, so tests can check that the calls the
 * services make are the edges the topology declares. Off when `file` is undefined.
 */
export function recordOutboundCalls(file: string | undefined, caller: string): void {
  if (!file) return;
  const write = (method: string, url: string) => {
    const call: RecordedCall = { caller, method, url };
    appendFileSync(file, `${JSON.stringify(call)}\n`);
  };
  subscribe('undici:request:create', (message) => {
    const { request } = message as { request: { origin: string; method: string; path: string } };
    write(request.method, `${request.origin}${request.path}`);
  });
  subscribe('http.client.request.start', (message) => {
    const { request } = message as { request: ClientRequest };
    write(
      request.method,
      `${request.protocol}//${String(request.getHeader('host'))}${request.path}`,
    );
  });
}
