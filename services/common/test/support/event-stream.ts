/** One server-sent event (the fields the HTML standard defines; `data` lines joined). */
export interface ServerEvent {
  readonly event: string;
  readonly data: string;
  readonly id?: string;
}

export interface EventStreamClient {
  readonly status: number;
  readonly headers: Headers;
  /** The next event; undefined once the stream has ended. Rejects if it breaks. */
  next(): Promise<ServerEvent | undefined>;
  /** Comment lines (`: heartbeat`) seen so far. */
  readonly comments: readonly string[];
  /** Goes away (aborts the request). */
  close(): void;
}

/**
 * Opens `GET url` as a `text/event-stream` and reads it one event at a time, as a browser's
 * fetch-based reader would (EventSource cannot send an Authorization header).
 */
export async function openEventStream(
  url: string,
  headers: Record<string, string> = {},
): Promise<EventStreamClient> {
  const abort = new AbortController();
  const res = await fetch(url, { headers, signal: abort.signal });
  const comments: string[] = [];
  const events: Array<ServerEvent | undefined> = [];
  let wake = () => {};
  // Read as the bytes come (heartbeats arrive whether or not a test awaits an event).
  const reading = (async () => {
    let buffered = '';
    for await (const chunk of res.body!.pipeThrough(new TextDecoderStream())) {
      buffered += chunk;
      for (let end = buffered.indexOf('\n\n'); end >= 0; end = buffered.indexOf('\n\n')) {
        const event = parseBlock(buffered.slice(0, end), comments);
        buffered = buffered.slice(end + 2);
        if (event) events.push(event);
        wake();
      }
    }
    events.push(undefined);
    wake();
  })();
  reading.catch(() => wake());
  const next = async (): Promise<ServerEvent | undefined> => {
    while (events.length === 0) {
      await Promise.race([new Promise<void>((resolve) => (wake = resolve)), reading]);
    }
    // The end stays queued: every later call sees it too.
    return events[0] === undefined ? undefined : events.shift();
  };
  return { status: res.status, headers: res.headers, next, comments, close: () => abort.abort() };
}

function parseBlock(block: string, comments: string[]): ServerEvent | undefined {
  const fields: Record<string, string[]> = {};
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) {
      comments.push(line.slice(1).trim());
      continue;
    }
    const [name = '', ...rest] = line.split(':');
    (fields[name] ??= []).push(rest.join(':').replace(/^ /, ''));
  }
  if (!fields.data) return undefined;
  return {
    event: fields.event?.[0] ?? 'message',
    data: fields.data.join('\n'),
    ...(fields.id ? { id: fields.id[0]! } : {}),
  };
}
