import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { derivedId, DomainError, isDomainError, isDuplicateKeyError } from '@netdirect/runtime';
import { Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { ChangeContext, Member, MoveCause } from '../member';
import { MemberRepository } from '../member.repository';
import { pathAfterMove, pathWithout, samePath } from '../upline-rewrite';
import { Restructure, RestructureLock } from './restructure.schema';

const LOCK_ID = 'network';
const LOCK_MS = 60_000;
const BATCH = 500;

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
  ) {}

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
    return this.start({ kind: 'terminate', memberId: member.id, by, reason });
  }

  /**
   * Place a member (and its subtree) under a new sponsor. The request-time
   * rules (window, sponsor kind and status) are the caller's, through
   * Member.sponsorChangeRefusal; the job checks the cycle again on fresh data.
   */
  async changeSponsor(
    member: Member,
    newSponsorId: string,
    by: string,
    reason: string,
  ): Promise<Restructure> {
    return this.start({ kind: 'sponsor-change', memberId: member.id, newSponsorId, by, reason });
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
      throw DomainError.conflict(
        `Another restructure (${held.jobId}) is running; try again when it has finished`,
      );
    }
    const taken = await this.locks
      .updateOne({ _id: LOCK_ID, jobId: held?.jobId }, { $set: { jobId, until } })
      .exec();
    if (taken.matchedCount !== 1)
      throw DomainError.conflict('Another restructure just started; try again when it has finished');
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

  private async runTermination(job: Restructure, member: Member): Promise<number> {
    if (member.status !== 'terminated') {
      const change = orThrow(
        member.changeStatus('terminated', {
          ...this.context(job),
          eventId: derivedId(job._id, 'status'),
        }),
      );
      if (!(await this.repo.apply(change)))
        throw DomainError.conflict(`Member ${member.id} changed meanwhile; try again`);
    }
    let moved = 0;
    for (let round = 0; round < 10_000; round++) {
      const below = await this.repo.below(member.id, BATCH);
      if (below.length === 0) return moved;
      for (const d of below) {
        const path = pathWithout(d.path, member.id);
        const sponsorId = d.state.sponsorId === member.id ? member.state.sponsorId : d.state.sponsorId;
        if (await this.move(job, d, sponsorId, path, 'sponsor-terminated', member.id)) moved++;
      }
    }
    throw new Error(`restructure ${job._id}: the subtree of ${member.id} did not settle`);
  }

  private async runSponsorChange(job: Restructure, member: Member): Promise<number> {
    const sponsor = await this.repo.get(job.newSponsorId!);
    const placed = orThrow(
      member.placeUnder(sponsor, { ...this.context(job), eventId: derivedId(job._id, 'sponsor') }),
    );
    if (placed && !(await this.repo.apply(placed)))
      throw DomainError.conflict(`Member ${member.id} changed meanwhile; try again`);
    const newPath = sponsor.pathBelow;
    // Pass over the subtree until a pass changes nothing (a member registered meanwhile is caught by the next pass).
    let moved = 0;
    for (let pass = 0; pass < 100; pass++) {
      let changed = 0;
      let after = '';
      for (;;) {
        const page = await this.repo.subtreePage(member.id, after, BATCH);
        for (const d of page) {
          const path = pathAfterMove(d.path, member.id, newPath);
          if (
            path &&
            !samePath(path, d.path) &&
            (await this.move(job, d, d.state.sponsorId, path, 'upline-sponsor-changed', member.id))
          )
            changed++;
        }
        if (page.length < BATCH) break;
        after = page[page.length - 1].id;
      }
      moved += changed;
      if (changed === 0) return moved;
    }
    throw new Error(`restructure ${job._id}: the subtree of ${member.id} did not settle`);
  }

  private context(job: Pick<Restructure, '_id' | 'by' | 'reason'>): ChangeContext {
    return { by: job.by, reason: job.reason, at: new Date(), restructureId: job._id };
  }

  /** Rewrite one member's upline if it is still what we read; false if it changed meanwhile. */
  private move(
    job: Pick<Restructure, '_id' | 'by' | 'reason'>,
    d: Member,
    sponsorId: string | null,
    uplinePath: string[],
    cause: MoveCause,
    causedBy: string,
  ): Promise<boolean> {
    return this.repo.apply(
      d.moveTo(sponsorId, uplinePath, cause, causedBy, {
        ...this.context(job),
        // The same step of the same job (from the same old path) records the same event id.
        eventId: derivedId(job._id, d.id, String(d.path.length)),
      }),
    );
  }

  /**
   * A member registered while its sponsor was being moved or terminated may
   * have copied a path that was being rewritten. Called after such a
   * registration: compute the path from the sponsor as it is now and fix ours.
   */
  async reconcileNewMember(memberId: string): Promise<void> {
    const member = await this.repo.find(memberId);
    if (!member?.state.sponsorId) return;
    const sponsor = await this.repo.find(member.state.sponsorId);
    if (!sponsor) return;
    let effective: Member | null = sponsor;
    while (effective && effective.status === 'terminated') {
      effective = effective.state.sponsorId ? await this.repo.find(effective.state.sponsorId) : null;
    }
    const path = effective ? effective.pathBelow : [];
    if (samePath(path, member.path) && effective?.id === member.state.sponsorId) return;
    const cause: MoveCause =
      sponsor.status === 'terminated'
        ? 'sponsor-terminated'
        : (sponsor.state.lastMove?.cause ?? 'upline-sponsor-changed');
    const causedBy =
      sponsor.status === 'terminated' ? sponsor.id : (sponsor.state.lastMove?.causedBy ?? sponsor.id);
    const job = {
      _id: `reconcile:${memberId}`,
      by: 'system',
      reason: 'registered while the upline was being restructured',
    };
    await this.move(job, member, effective?.id ?? null, path, cause, causedBy);
  }
}

/** A domain refusal found while a job runs ends the job's request with that refusal. */
function orThrow<T>(result: T | DomainError): T {
  if (isDomainError(result)) throw result;
  return result;
}
