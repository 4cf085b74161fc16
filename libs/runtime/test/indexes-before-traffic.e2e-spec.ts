import { MongoClient } from 'mongodb';
import { startTestService, TEST_MONGO_URL, uniqueId } from '../src/testing';
import { ProbeAppModule } from './probe/probe.fixture';

/**
 * A service awaits every model's indexes before it serves or consumes, and
 * does not start when one cannot be built: here the unique index of the
 * outbox's pending marker, over data that already breaks it.
 */
describe('indexes before traffic', () => {
  const dbName = `test_${uniqueId('indexes')}`;
  let client: MongoClient;

  beforeAll(async () => {
    client = await MongoClient.connect(TEST_MONGO_URL);
    await client
      .db(dbName)
      .collection<{ _id: string; outboxPendingId: string }>('probes')
      .insertMany([
        { _id: 'a', outboxPendingId: 'same' },
        { _id: 'b', outboxPendingId: 'same' },
      ]);
  });

  afterAll(async () => {
    await client.db(dbName).dropDatabase();
    await client.close();
  });

  it('refuses to start when a unique index cannot be built', async () => {
    await expect(startTestService(ProbeAppModule, { MONGO_DB: dbName })).rejects.toThrow(
      /duplicate key|E11000|outboxPendingId/i,
    );
  });
});
