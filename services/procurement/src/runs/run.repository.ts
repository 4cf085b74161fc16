import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { DomainError, isDuplicateKeyError } from '@netdirect/runtime';
import { Model } from 'mongoose';
import { inParallel } from '../common/in-parallel';
import { Decision } from './run-plan';
import { packDecision, PackedDecision, unpackDecision } from './stored-decision';
import { RUN_CHUNK_MODEL, RUN_LEASE_MODEL, RUN_MODEL, RunChunkRecord, RunLeaseRecord, RunState } from './run.schema';

/** Decisions per chunk: a chunk stays far below the document limit even with many alternatives per SKU. */
export const CHUNK_SIZE = 250;
const ACTIVE = 'active';

/** Where runs, their decision chunks and the run lease are kept. */
@Injectable()
export class RunRepository {
  constructor(
    @InjectModel(RUN_MODEL) private readonly runs: Model<RunState>,
    @InjectModel(RUN_CHUNK_MODEL) private readonly chunks: Model<RunChunkRecord>,
    @InjectModel(RUN_LEASE_MODEL) private readonly lease: Model<RunLeaseRecord>,
  ) {}

  find(id: string): Promise<RunState | null> {
    return this.runs.collection.findOne<RunState>({ _id: id as never });
  }

  async get(id: string): Promise<RunState> {
    const run = await this.find(id);
    if (!run) throw DomainError.notFound(`No procurement run ${id}`);
    return run;
  }

  /** The newest runs first, without their orders. */
  list(limit: number): Promise<RunState[]> {
    return this.runs.collection.find<RunState>({}, { projection: { orders: 0 } }).sort({ startedAt: -1 }).limit(limit).toArray();
  }

  /** Take the run lease for a new run; false while another run holds it (live or waiting to be resumed). */
  async acquire(runId: string, until: Date): Promise<boolean> {
    try {
      await this.lease.collection.insertOne({ _id: ACTIVE, runId, leaseUntil: until } as never);
      return true;
    } catch (e) {
      if (isDuplicateKeyError(e)) return false;
      throw e;
    }
  }

  /** The run whose lease lapsed at `now`, taken over by compare-and-set; null when none (or another replica won). */
  async takeOverLapsed(now: Date, until: Date): Promise<string | null> {
    const cur = await this.lease.collection.findOne<RunLeaseRecord>({ _id: ACTIVE as never });
    if (!cur || new Date(cur.leaseUntil).getTime() > now.getTime()) return null;
    const res = await this.lease.collection.updateOne(
      { _id: ACTIVE as never, runId: cur.runId, leaseUntil: cur.leaseUntil },
      { $set: { leaseUntil: until } },
    );
    return res.modifiedCount === 1 ? cur.runId : null;
  }

  async renew(runId: string, until: Date): Promise<void> {
    await this.lease.collection.updateOne({ _id: ACTIVE as never, runId }, { $set: { leaseUntil: until } });
  }

  async release(runId: string): Promise<void> {
    await this.lease.collection.deleteOne({ _id: ACTIVE as never, runId });
  }

  async insert(run: RunState): Promise<void> {
    await this.runs.collection.insertOne(run as never);
  }

  /** Move a run from one status to the next, with fields; false when it was not in `from` (another replica moved it). */
  async advance(id: string, from: RunState['status'], set: Partial<RunState>): Promise<boolean> {
    const res = await this.runs.collection.updateOne({ _id: id as never, status: from }, { $set: set, $inc: { seq: 1 } });
    return res.modifiedCount === 1;
  }

  /** Write a run's decisions in chunks (replacing any a crashed attempt left), answering how many chunks. */
  async writeDecisions(runId: string, decisions: Decision[]): Promise<number> {
    const count = Math.ceil(decisions.length / CHUNK_SIZE);
    await inParallel([...Array(count).keys()], 4, (n) =>
      this.chunks.collection.replaceOne(
        { _id: `${runId}:${n}` as never },
        { runId, n, decisions: JSON.stringify(decisions.slice(n * CHUNK_SIZE, (n + 1) * CHUNK_SIZE).map(packDecision)) },
        { upsert: true },
      ),
    );
    await this.chunks.collection.deleteMany({ runId, n: { $gte: count } });
    return count;
  }

  async chunk(runId: string, n: number): Promise<Decision[]> {
    const c = await this.chunks.collection.findOne<RunChunkRecord>({ _id: `${runId}:${n}` as never });
    return c ? (JSON.parse(c.decisions) as PackedDecision[]).map(unpackDecision) : [];
  }

  async decisions(runId: string, chunkCount: number): Promise<Decision[]> {
    const out: Decision[] = [];
    for (let n = 0; n < chunkCount; n++) out.push(...(await this.chunk(runId, n)));
    return out;
  }
}
