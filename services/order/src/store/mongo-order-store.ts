import type { ReadinessCheck } from '@shop/common';
import { MongoClient, MongoServerError, type Collection, type UpdateFilter } from 'mongodb';
import type { Order } from '../domain/order';
import { KeyedSerializer } from './keyed-serializer';
import { asDate, INDEXES, newDocument, stored, type OrderDocument } from './mongo-order-document';
import { MongoOrderOutbox } from './mongo-order-outbox';
import type {
  CreateResult,
  NewOrder,
  OrderStore,
  Page,
  StoredOrder,
  Transition,
} from './order-store';

const DUPLICATE_KEY = 11000;

/**
 * MongoDB adapter (official driver), written to the subset FerretDB also implements: no
 * transactions, no `$pull` with conditions, no partial indexes. Transitions are one
 * `updateOne` filtered on `_id` and `version`; they only append to `pendingEvents`, which
 * `outbox` (the relay's side) removes once published.
 *
 * Writes to one order from this process also run one at a time (`serialized`). MongoDB
 * needs only the version filter, its single-document updates being atomic; FerretDB 1.24,
 * which the tests run against, applies an update as an unlocked read-modify-write, so two
 * concurrent writers of one document both "match" and the last one wins.
 */
export class MongoOrderStore implements OrderStore {
  private readonly serialized = new KeyedSerializer();
  /** The orders' pending events, for the PendingEventRelay. */
  readonly outbox: MongoOrderOutbox;

  private constructor(
    private readonly client: MongoClient,
    private readonly orders: Collection<OrderDocument>,
  ) {
    this.outbox = new MongoOrderOutbox(orders, this.serialized);
  }

  static async open(url: string, database: string): Promise<MongoOrderStore> {
    const client = new MongoClient(url, { ignoreUndefined: true, serverSelectionTimeoutMS: 5000 });
    await client.connect();
    const orders = client.db(database).collection<OrderDocument>('orders');
    try {
      // One at a time: FerretDB 1.24 drops the connection on a batch that names existing indexes.
      for (const [key, options] of INDEXES) await orders.createIndex(key, options);
    } catch (err) {
      await client.close();
      throw err;
    }
    return new MongoOrderStore(client, orders);
  }

  async create(order: NewOrder): Promise<CreateResult> {
    try {
      await this.orders.insertOne(newDocument(order));
      return { created: true, order: { ...order.state, version: 1 } };
    } catch (err) {
      const { idempotency, state } = order;
      if (!(err instanceof MongoServerError && err.code === DUPLICATE_KEY) || !idempotency) {
        throw err;
      }
      const earlier = await this.findByIdempotencyKey(state.order.userId, idempotency.key);
      if (!earlier) throw err;
      return { created: false, ...earlier };
    }
  }

  async findByIdempotencyKey(userId: string, key: string) {
    const doc = await this.orders.findOne({ userId, idempotencyKey: `key:${key}` });
    return doc ? { order: stored(doc), requestHash: doc.requestHash ?? '' } : undefined;
  }

  async get(id: string): Promise<StoredOrder | undefined> {
    const doc = await this.orders.findOne({ _id: id }, { projection: { pendingEvents: 0 } });
    return doc ? stored(doc) : undefined;
  }

  async getMany(ids: readonly string[]): Promise<StoredOrder[]> {
    const docs = await this.orders
      .find({ _id: { $in: [...ids] } }, { projection: { pendingEvents: 0 } })
      .toArray();
    return docs.map(stored);
  }

  async getForEvent(id: string, eventId: string) {
    const doc = await this.orders.findOne({ _id: id }, { projection: { pendingEvents: 0 } });
    return doc
      ? { order: stored(doc), processed: doc.processedEventIds.includes(eventId) }
      : undefined;
  }

  async listByUser(userId: string, page: number, pageSize: number): Promise<Page<Order>> {
    const [docs, total] = await Promise.all([
      this.orders
        .find({ userId }, { projection: { order: 1 } })
        .sort({ createdAt: -1, _id: -1 })
        .skip((page - 1) * pageSize)
        .limit(pageSize)
        .toArray(),
      this.orders.countDocuments({ userId }),
    ]);
    return { items: docs.map((d) => d.order), total };
  }

  async transition({ from, to, events, causationId }: Transition): Promise<boolean> {
    const update: UpdateFilter<OrderDocument> = {
      $set: {
        status: to.order.status,
        order: to.order,
        saga: to.saga,
        deadline: asDate(to.saga.deadline),
        ...(events.length > 0 ? { relayAfter: new Date() } : {}),
      },
      $inc: { version: 1 },
    };
    const push: Record<string, unknown> = {};
    if (events.length > 0) push.pendingEvents = { $each: [...events] };
    if (causationId) push.processedEventIds = causationId;
    if (Object.keys(push).length > 0) update.$push = push as UpdateFilter<OrderDocument>['$push'];
    const id = from.order.id;
    const result = await this.serialized.run(id, () =>
      this.orders.updateOne({ _id: id, version: from.version }, update),
    );
    return result.matchedCount === 1;
  }

  async findOverdue(now: Date, limit: number): Promise<string[]> {
    const docs = await this.orders
      .find({ deadline: { $lte: now } }, { projection: { _id: 1 } })
      .sort({ deadline: 1 })
      .limit(limit)
      .toArray();
    return docs.map((d) => d._id);
  }

  readiness(): ReadinessCheck {
    return {
      name: 'mongodb',
      check: async () => void (await this.client.db('admin').command({ ping: 1 })),
    };
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
