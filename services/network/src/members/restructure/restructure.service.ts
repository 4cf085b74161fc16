import {
  ConflictException,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  UnprocessableEntityException,
} from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { MemberMoved, MemberSponsorChanged, MemberStatusChanged } from '@netdirect/contracts';
import { derivedId, EventRecorder, isDuplicateKeyError, withEvents } from '@netdirect/runtime';
import { Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { AuditEntry, Member, MemberDocument } from '../member.schema';
import { MemberRepository } from '../member.repository';
import { pathAfterMove, pathWithout, samePath } from '../upline-rewrite';
import { Restructure, RestructureLock } from './restructure.schema';

const LOCK_ID = 'network';
const LOCK_MS = 60_000;
const BATCH = 500;

type MoveCause = MemberMoved['cause'];

/**
 * Terminations and sponsor changes: rewrite a subtree's upline paths member by
 * member, each write carrying that member's MemberMoved. One runs at a time
 * (a leased lock); an unfinished one is finished at the next start.
 */
@Injectable()
export class RestructureService implements OnApplicationBootstrap {
  private readonly logger = new Logger(RestructureService.name);

  constructor(
    private readonly repo: MemberRepository,
    @InjectModel(Restructure.name) private readonly jobs: Model<Restructure>,
    @InjectModel(RestructureLock.name) private readonly locks: Model<RestructureLock>,
    private readonly events: EventRecorder,
  ) {}

  private get members(): Model<MemberDocument> {
    return this.repo.members;
  }

  async onApplicationBootstrap(): Promise<void> {
    const unfinished = await this.jobs.find({ status: 'running' }).lean<Restructure[]>().exec();
    for (const job of unfinished) {
      this.logger.warn(
        `finishing restructure ${job._id} (${job.kind} of ${job.memberId}) left by an earlier run`,
      );
      await this.runLocked(job).catch((e) =>
        this.logger.error(`restructure ${job._id} still unfinished: ${(e as Error).message}`),
      );
    }
  }

  /** Terminate a member: its direct downline rolls up to its sponsor. Returns the job when done. */
  async terminate(member: Member, by: string, reason: string): Promise<Restructure> {
    return this.start({ kind: 'terminate', memberId: member._id, by, reason });
  }

  /** Place a member (and its subtree) under a new sponsor. Checks are the caller's. */
  async changeSponsor(
    member: Member,
    newSponsorId: string,
    by: string,
    reason: string,
  ): Promise<Restructure> {
    return this.start({ kind: 'sponsor-change', memberId: member._id, newSponsorId, by, reason });
  }

  private async start(
    spec: Pick<Restructure, 'kind' | 'memberId' | 'newSponsorId' | 'by' | 'reason'>,
  ): Promise<Restructure> {
    const job: Restructure = {
      _id: randomUUID(),
      ...spec,
      status: 'running',
      moved: 0,
      startedAt: new Date(),
    };
    return this.withLock(job._id, async () => {
      await this.jobs.create(job);
      return this.run(job);
    });
  }

  private runLocked(job: Restructure): Promise<Restructure> {
    return this.withLock(job._id, () => this.run(job));
  }

  /** One restructure at a time, across replicas: a leased lock document, renewed while the job runs. */
  private async withLock<T>(jobId: string, work: () => Promise<T>): Promise<T> {
    await this.acquire(jobId);
    const renew = setInterval(() => {
      void this.locks
        .updateOne({ _id: LOCK_ID, jobId }, { $set: { until: new Date(Date.now() + LOCK_MS) } })
        .exec();
    }, LOCK_MS / 3);
    try {
      return await work();
    } finally {
      clearInterval(renew);
      await this.locks.deleteOne({ _id: LOCK_ID, jobId }).exec();
    }
  }

  private async acquire(jobId: string): Promise<void> {
    const until = new Date(Date.now() + LOCK_MS);
    try {
      await this.locks.create({ _id: LOCK_ID, jobId, until });
      return;
    } catch (e) {
      if (!isDuplicateKeyError(e)) throw e;
    }
    const held = await this.locks.findById(LOCK_ID).lean<RestructureLock>().exec();
    if (held && new Date(held.until) > new Date()) {
      throw new ConflictException(
        `Another restructure (${held.jobId}) is running; try again when it has finished`,
      );
    }
    const taken = await this.locks
      .updateOne({ _id: LOCK_ID, jobId: held?.jobId }, { $set: { jobId, until } })
      .exec();
    if (taken.matchedCount !== 1)
      throw new ConflictException('Another restructure just started; try again when it has finished');
  }

  private async run(job: Restructure): Promise<Restructure> {
    const root = await this.repo.get(job.memberId);
    const moved =
      job.kind === 'terminate'
        ? await this.runTermination(job, root)
        : await this.runSponsorChange(job, root);
    const done = { status: 'done' as const, moved: job.moved + moved, finishedAt: new Date() };
    await this.jobs.updateOne({ _id: job._id }, { $set: done }).exec();
    return { ...job, ...done };
  }

  private async runTermination(job: Restructure, member: MemberDocument): Promise<number> {
    if (member.status !== 'terminated') {
      const at = new Date();
      const event = this.events.record(
        MemberStatusChanged,
        {
          memberId: member._id,
          from: member.status,
          to: 'terminated',
          reason: job.reason,
          by: job.by,
          changedAt: at.toISOString(),
        },
        { id: derivedId(job._id, 'status'), occurredAt: at },
      );
      const entry: AuditEntry = {
        at,
        action: 'status-changed',
        by: job.by,
        reason: job.reason,
        details: { from: member.status, to: 'terminated', restructureId: job._id },
      };
      const res = await this.members
        .updateOne(
          { _id: member._id, status: member.status },
          withEvents({ $set: { status: 'terminated' }, $push: { history: entry } }, [event]),
        )
        .exec();
      if (res.matchedCount !== 1)
        throw new ConflictException(`Member ${member._id} changed meanwhile; try again`);
    }
    let moved = 0;
    for (let round = 0; round < 10_000; round++) {
      const below = await this.members
        .find({ uplinePath: member._id })
        .limit(BATCH)
        .lean<MemberDocument[]>()
        .exec();
      if (below.length === 0) return moved;
      for (const d of below) {
        const path = pathWithout(d.uplinePath, member._id);
        const sponsorId = d.sponsorId === member._id ? member.sponsorId : d.sponsorId;
        if (await this.move(job, d, sponsorId, path, 'sponsor-terminated', member._id)) moved++;
      }
    }
    throw new Error(`restructure ${job._id}: the subtree of ${member._id} did not settle`);
  }

  private async runSponsorChange(job: Restructure, member: MemberDocument): Promise<number> {
    const sponsor = await this.repo.get(job.newSponsorId!);
    const newPath = [sponsor._id, ...sponsor.uplinePath];
    if (newPath.includes(member._id)) {
      throw new UnprocessableEntityException(
        `newSponsorId: ${sponsor._id} is in the downline of ${member._id}; that would make a cycle`,
      );
    }
    if (!samePath(member.uplinePath, newPath)) {
      const at = new Date();
      const event = this.events.record(
        MemberSponsorChanged,
        {
          memberId: member._id,
          oldSponsorId: member.sponsorId,
          newSponsorId: sponsor._id,
          depth: newPath.length,
          uplinePath: newPath,
          reason: job.reason,
          by: job.by,
          changedAt: at.toISOString(),
        },
        { id: derivedId(job._id, 'sponsor'), occurredAt: at },
      );
      const entry: AuditEntry = {
        at,
        action: 'sponsor-changed',
        by: job.by,
        reason: job.reason,
        details: { from: member.sponsorId, to: sponsor._id, restructureId: job._id },
      };
      const res = await this.members
        .updateOne(
          { _id: member._id, uplinePath: member.uplinePath },
          withEvents(
            {
              $set: { sponsorId: sponsor._id, uplinePath: newPath, depth: newPath.length },
              $push: { history: entry },
            },
            [event],
          ),
        )
        .exec();
      if (res.matchedCount !== 1)
        throw new ConflictException(`Member ${member._id} changed meanwhile; try again`);
    }
    // Pass over the subtree until a pass changes nothing (a member registered meanwhile is caught by the next pass).
    let moved = 0;
    for (let pass = 0; pass < 100; pass++) {
      let changed = 0;
      let after = '';
      for (;;) {
        const page = await this.members
          .find({ uplinePath: member._id, _id: { $gt: after } })
          .sort({ _id: 1 })
          .limit(BATCH)
          .lean<MemberDocument[]>()
          .exec();
        for (const d of page) {
          const path = pathAfterMove(d.uplinePath, member._id, newPath);
          if (
            path &&
            !samePath(path, d.uplinePath) &&
            (await this.move(job, d, d.sponsorId, path, 'upline-sponsor-changed', member._id))
          )
            changed++;
        }
        if (page.length < BATCH) break;
        after = page[page.length - 1]._id;
      }
      moved += changed;
      if (changed === 0) return moved;
    }
    throw new Error(`restructure ${job._id}: the subtree of ${member._id} did not settle`);
  }

  /** Rewrite one member's upline if it is still what we read; false if it changed meanwhile. */
  private async move(
    job: Restructure,
    d: MemberDocument,
    sponsorId: string | null,
    uplinePath: string[],
    cause: MoveCause,
    causedBy: string,
  ): Promise<boolean> {
    const at = new Date();
    const event = this.events.record(
      MemberMoved,
      {
        memberId: d._id,
        oldSponsorId: d.sponsorId,
        newSponsorId: sponsorId,
        depth: uplinePath.length,
        uplinePath,
        cause,
        causedBy,
        movedAt: at.toISOString(),
      },
      { id: derivedId(job._id, d._id, String(d.uplinePath.length)), occurredAt: at },
    );
    const entry: AuditEntry = {
      at,
      action: 'moved',
      by: job.by,
      reason: job.reason,
      details: { cause, causedBy, from: d.sponsorId, to: sponsorId, restructureId: job._id },
    };
    const res = await this.members
      .updateOne(
        { _id: d._id, uplinePath: d.uplinePath },
        withEvents(
          {
            $set: { sponsorId, uplinePath, depth: uplinePath.length, lastMove: { cause, causedBy } },
            $push: { history: entry },
          },
          [event],
        ),
      )
      .exec();
    return res.matchedCount === 1;
  }

  /**
   * A member registered while its sponsor was being moved or terminated may
   * have copied a path that was being rewritten. Called after such a
   * registration: compute the path from the sponsor as it is now and fix ours.
   */
  async reconcileNewMember(memberId: string): Promise<void> {
    const member = await this.repo.find(memberId);
    if (!member?.sponsorId) return;
    const sponsor = await this.repo.find(member.sponsorId);
    if (!sponsor) return;
    let effective: MemberDocument | null = sponsor;
    while (effective && effective.status === 'terminated') {
      effective = effective.sponsorId ? await this.repo.find(effective.sponsorId) : null;
    }
    const path = effective ? [effective._id, ...effective.uplinePath] : [];
    if (samePath(path, member.uplinePath) && effective?._id === member.sponsorId) return;
    const cause: MoveCause =
      sponsor.status === 'terminated'
        ? 'sponsor-terminated'
        : (sponsor.lastMove?.cause ?? 'upline-sponsor-changed');
    const causedBy =
      sponsor.status === 'terminated' ? sponsor._id : (sponsor.lastMove?.causedBy ?? sponsor._id);
    const job = {
      _id: `reconcile:${memberId}`,
      by: 'system',
      reason: 'registered while the upline was being restructured',
    } as Restructure;
    await this.move(job, member, effective?._id ?? null, path, cause, causedBy);
  }
}
