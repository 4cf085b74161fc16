// Integration tests boot services against real Kafka and FerretDB: allow them time.
jest.setTimeout(60000);
