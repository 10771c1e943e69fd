import { uniqueName } from '@shop/common/testing';
import { MongoClient } from 'mongodb';
import type { OrderDocument } from '../../src/store/mongo-order-document';
import { MongoOrderStore } from '../../src/store/mongo-order-store';
import { describeOrderStoreContract } from './order-store.contract';

/** MongoDB cannot run on the CI machines; FerretDB (make mongo-up) stands in for it. */
const MONGO_URL = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/';

describeOrderStoreContract('MongoDB', async () => {
  const database = uniqueName('order_store');
  const store = await MongoOrderStore.open(MONGO_URL, database);
  const client = await MongoClient.connect(MONGO_URL);
  const orders = client.db(database).collection<OrderDocument>('orders');
  return {
    store,
    async pendingEvents(orderId) {
      return (await orders.findOne({ _id: orderId }))?.pendingEvents ?? [];
    },
    async cleanup() {
      await store.close();
      await client.db(database).dropDatabase();
      await client.close();
    },
  };
});
