// Integration tests boot services against real Kafka and the MongoDB-wire database: allow them time.
jest.setTimeout(60000);
