import { uniqueName } from '@shop/common/testing';
import { MongoClient } from 'mongodb';
import { MongoOrderStore } from '../../src/store/mongo-order-store';
import { describeOrderStoreContract } from './order-store.contract';

/** MongoDB cannot run on the CI machines; FerretDB (make mongo-up) stands in for it. */
const MONGO_URL = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/';

describeOrderStoreContract('MongoDB', async () => {
  const database = uniqueName('order_store');
  const store = await MongoOrderStore.open(MONGO_URL, database);
  return {
    store,
    async cleanup() {
      await store.close();
      const client = await MongoClient.connect(MONGO_URL);
      await client.db(database).dropDatabase();
      await client.close();
    },
  };
});
