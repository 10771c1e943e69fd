// What a consumer's subscriptions are given and return.
import type { Pool, PoolClient } from '../db';
import type { EventData, EventType } from './contracts';
import type { EventEnvelope } from './envelope';

/** The event a subscription receives: its envelope with `data` of its type. */
export type ReceivedEvent<T extends EventType = EventType> = EventEnvelope<T> & {
  data: EventData<T>;
};

export type EventHandler<T extends EventType = EventType> = (
  event: ReceivedEvent<T>,
  attempt: Attempt,
) => Promise<void>;

/** Work done in the consumer's transaction, once per event id (subscribeOnce). */
export type ApplyOnce<T extends EventType = EventType, R = unknown> = (
  event: ReceivedEvent<T>,
  tx: PoolClient,
  attempt: Attempt,
) => Promise<R>;

/** Told after the commit what `apply` returned, or `undefined` for an event already applied. */
export type AfterCommit<T extends EventType = EventType, R = unknown> = (
  result: R | undefined,
  event: ReceivedEvent<T>,
) => void;

/** Which delivery of the message this is: a handler may wait for something only while more remain. */
export interface Attempt {
  /** 1 for the first delivery. */
  readonly number: number;
  /** No retry follows if this one fails: the message goes to `<queue>.dlq`. */
  readonly last: boolean;
}

/** Where a consumer applies its subscribeOnce events. */
export interface ConsumerStore {
  readonly pool: Pool;
  /** The consumer's name in processed_events. */
  readonly consumer: string;
  /** Runs after each committed batch (the backbone kicks its relay: the batch wrote events). */
  readonly afterCommit?: () => void;
}
