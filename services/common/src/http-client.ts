import { currentContext } from './context';
import { AppError } from './errors';

export interface HttpClientOptions {
  /** e.g. `http://product` in the cluster, `http://127.0.0.1:3002` locally. */
  readonly baseUrl: string;
  /** Deadline for one call. */
  readonly timeoutMs: number;
}

export interface HttpResponse<T> {
  readonly status: number;
  readonly body: T;
}

export interface HttpClient {
  request<T = unknown>(
    method: string,
    path: string,
    options?: { body?: unknown; headers?: Record<string, string>; timeoutMs?: number },
  ): Promise<HttpResponse<T>>;
}

/**
 * Outbound JSON calls with a deadline, forwarding the request id and the trace headers
 * (W3C and B3) so Istio's tracing joins the spans. No retries: the mesh retries.
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  return {
    async request<T>(
      method: string,
      path: string,
      init: { body?: unknown; headers?: Record<string, string>; timeoutMs?: number } = {},
    ) {
      const url = new URL(path, options.baseUrl).toString();
      const headers: Record<string, string> = {
        accept: 'application/json',
        ...currentContext()?.propagation,
        ...init.headers,
      };
      if (init.body !== undefined) headers['content-type'] = 'application/json';
      let response: Response;
      try {
        response = await fetch(url, {
          method,
          headers,
          body: init.body === undefined ? undefined : JSON.stringify(init.body),
          signal: AbortSignal.timeout(init.timeoutMs ?? options.timeoutMs),
        });
      } catch (err) {
        throw upstreamFailure(url, err);
      }
      const text = await response.text();
      const body = (text ? safeJson(text) : undefined) as T;
      return { status: response.status, body };
    },
  };
}

function upstreamFailure(url: string, err: unknown): AppError {
  const name = (err as { name?: string }).name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new AppError(
      'upstream_timeout',
      504,
      `no answer from ${new URL(url).host} in time`,
      err,
    );
  }
  return new AppError('upstream_unavailable', 503, `${new URL(url).host} is unavailable`, err);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
