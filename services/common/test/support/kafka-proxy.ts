import type net from 'node:net';
import { TcpProxy } from '../../src/testing/tcp-proxy';

const METADATA = 3;
/** Metadata requests from this version on use the flexible (compact) encoding. */
const FIRST_FLEXIBLE_METADATA = 9;

/**
 * A TCP proxy in front of a Kafka broker that a test can cut and restore. Kafka clients connect
 * to the addresses the broker advertises in its Metadata answers, not to the one they were
 * given, so the proxy rewrites those to its own: every connection then runs through it and a
 * cut is a real outage for the client, while the shared broker keeps running.
 */
export class KafkaProxy extends TcpProxy {
  /** `host:port` for a client's bootstrap list. */
  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  protected override relay(client: net.Socket, upstream: net.Socket): void {
    const metadataVersions = new Map<number, number>();
    client.on(
      'data',
      frames((frame) => {
        if (frame.readInt16BE(0) === METADATA) {
          metadataVersions.set(frame.readInt32BE(4), frame.readInt16BE(2));
        }
        upstream.write(withSize(frame));
      }),
    );
    upstream.on(
      'data',
      frames((frame) => {
        const correlationId = frame.readInt32BE(0);
        const version = metadataVersions.get(correlationId);
        if (version === undefined) return void client.write(withSize(frame));
        metadataVersions.delete(correlationId);
        client.write(withSize(rewriteBrokers(frame, version, this.port)));
      }),
    );
  }
}

/** Splits a byte stream into Kafka frames (without their 4-byte size). */
function frames(onFrame: (frame: Buffer) => void): (chunk: Buffer) => void {
  let buffered = Buffer.alloc(0);
  return (chunk) => {
    buffered = Buffer.concat([buffered, chunk]);
    while (buffered.length >= 4 && buffered.length >= 4 + buffered.readInt32BE(0)) {
      const size = buffered.readInt32BE(0);
      onFrame(buffered.subarray(4, 4 + size));
      buffered = buffered.subarray(4 + size);
    }
  };
}

function withSize(frame: Buffer): Buffer {
  const size = Buffer.alloc(4);
  size.writeInt32BE(frame.length);
  return Buffer.concat([size, frame]);
}

/** A Metadata response with every broker's host and port replaced by the proxy's. */
function rewriteBrokers(frame: Buffer, version: number, port: number): Buffer {
  const flexible = version >= FIRST_FLEXIBLE_METADATA;
  const r = new Reader(frame);
  r.skip(4); // correlation id
  if (flexible) r.skipTaggedFields();
  if (version >= 3) r.skip(4); // throttle_time_ms
  const head = frame.subarray(0, r.at);
  const count = flexible ? r.uvarint() - 1 : r.int32();
  const brokers: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const nodeId = r.take(4);
    r.string(flexible);
    r.skip(4); // port
    const start = r.at;
    if (version >= 1) r.string(flexible); // rack
    if (flexible) r.skipTaggedFields();
    const rest = frame.subarray(start, r.at);
    brokers.push(Buffer.concat([nodeId, encodeString('127.0.0.1', flexible), int32(port), rest]));
  }
  const countBytes = flexible ? uvarint(count + 1) : int32(count);
  return Buffer.concat([head, countBytes, ...brokers, frame.subarray(r.at)]);
}

class Reader {
  at = 0;
  constructor(private readonly buffer: Buffer) {}
  skip(n: number): void {
    this.at += n;
  }
  take(n: number): Buffer {
    this.at += n;
    return this.buffer.subarray(this.at - n, this.at);
  }
  int32(): number {
    return this.take(4).readInt32BE(0);
  }
  uvarint(): number {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = this.buffer[this.at++]!;
      value |= (byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return value;
    }
  }
  /** Skips a string (compact: uvarint length + 1; else int16 length, -1 for null). */
  string(compact: boolean): void {
    const length = compact ? this.uvarint() - 1 : this.take(2).readInt16BE(0);
    if (length > 0) this.skip(length);
  }
  skipTaggedFields(): void {
    const fields = this.uvarint();
    for (let i = 0; i < fields; i++) {
      this.uvarint();
      this.skip(this.uvarint());
    }
  }
}

function encodeString(value: string, compact: boolean): Buffer {
  const bytes = Buffer.from(value);
  if (compact) return Buffer.concat([uvarint(bytes.length + 1), bytes]);
  const length = Buffer.alloc(2);
  length.writeInt16BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

function int32(value: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeInt32BE(value);
  return bytes;
}

function uvarint(value: number): Buffer {
  const bytes: number[] = [];
  for (let v = value; ; v >>>= 7) {
    if (v < 0x80) {
      bytes.push(v);
      return Buffer.from(bytes);
    }
    bytes.push((v & 0x7f) | 0x80);
  }
}
