import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { randomBytes, randomUUID } from 'node:crypto';
import { CLOCK, Clock } from '../clock/clock';
import { isDuplicateKeyError } from '../consumer/errors';
import { DomainError } from '../domain/domain-error';
import { SecretBox } from './secret-box';
import { SIGNED_WEBHOOK, SignedWebhookOptions } from './signed-webhook.metadata';
import { StoredWebhookSecret, WEBHOOK_CALLER_MODEL, WebhookCallerDoc } from './webhook-caller.schema';

/** Injection token of the {@link SecretBox} keyed by WEBHOOK_SECRETS_KEY. */
export const WEBHOOK_SECRET_BOX = Symbol('WEBHOOK_SECRET_BOX');

/** A caller may hold this many secrets at once: the current one and the next. */
export const MAX_ACTIVE_SECRETS = 2;

/** A caller as ops see it: never a secret's value. */
export interface WebhookCallerInfo {
  id: string;
  channel: string;
  name: string;
  createdAt: Date;
  secrets: { id: string; createdAt: Date }[];
}

/** A secret as issued: its value is shown this once and never again. */
export interface IssuedWebhookSecret {
  id: string;
  value: string;
  createdAt: Date;
}

/** A secret to verify with. */
export interface VerificationSecret {
  id: string;
  value: string;
}

/**
 * The outside callers of this service's signed webhooks and their secrets.
 * Secrets are Standard Webhooks secrets (`whsec_` + base64 of 32 random
 * bytes), returned once when issued, kept sealed with AES-256-GCM.
 */
@Injectable()
export class WebhookCallersService implements OnApplicationBootstrap {
  private readonly channels = new Set<string>();

  constructor(
    @InjectModel(WEBHOOK_CALLER_MODEL) private readonly callers: Model<WebhookCallerDoc>,
    @Inject(WEBHOOK_SECRET_BOX) private readonly box: SecretBox,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  /** The channels this service's `@SignedWebhook` routes declare: a caller must be on one of them. */
  onApplicationBootstrap(): void {
    for (const wrapper of this.discovery.getControllers()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance) continue;
      for (const name of this.scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
        const options = this.reflector.get<SignedWebhookOptions | undefined>(
          SIGNED_WEBHOOK,
          instance[name] as never,
        );
        if (options) this.channels.add(options.channel);
      }
    }
  }

  knownChannels(): string[] {
    return [...this.channels].sort();
  }

  async create(input: {
    id: string;
    channel: string;
    name?: string;
  }): Promise<{ caller: WebhookCallerInfo; secret: IssuedWebhookSecret }> {
    if (!this.channels.has(input.channel)) {
      throw DomainError.rule(
        'channel',
        `must be one of this service's webhook channels: ${this.knownChannels().join(', ') || '(none)'}`,
      );
    }
    const now = this.clock.now();
    const { stored, issued } = this.issue(input.id, now);
    const doc: WebhookCallerDoc = {
      _id: input.id,
      channel: input.channel,
      name: input.name ?? input.id,
      secrets: [stored],
      version: 1,
      createdAt: now,
    };
    try {
      await this.callers.collection.insertOne(doc as never);
    } catch (e) {
      if (isDuplicateKeyError(e)) throw DomainError.conflict(`webhook caller ${input.id} exists already`);
      throw e;
    }
    return { caller: info(doc), secret: issued };
  }

  async list(): Promise<WebhookCallerInfo[]> {
    // A handful of outside parties: reading them all is cheap on any store.
    const docs = (await this.callers.collection
      .find({})
      .sort({ _id: 1 })
      .toArray()) as unknown as WebhookCallerDoc[];
    return docs.map(info);
  }

  async get(id: string): Promise<WebhookCallerInfo> {
    return info(await this.load(id));
  }

  /**
   * Issue another secret (rotation): the caller then signs with the new one
   * while the old still verifies, and ops delete the old one once the caller
   * has moved. Refused while the caller already has {@link MAX_ACTIVE_SECRETS}.
   */
  async addSecret(id: string): Promise<IssuedWebhookSecret> {
    const doc = await this.load(id);
    if (doc.secrets.length >= MAX_ACTIVE_SECRETS) {
      throw DomainError.rule(
        'secrets',
        `a caller has at most ${MAX_ACTIVE_SECRETS} active secrets; delete the one it no longer uses first`,
      );
    }
    const { stored, issued } = this.issue(id, this.clock.now());
    const done = await this.callers.collection.updateOne(
      { _id: id as never, version: doc.version },
      { $push: { secrets: stored } as never, $inc: { version: 1 } },
    );
    if (done.matchedCount !== 1)
      throw DomainError.conflict(`webhook caller ${id} changed meanwhile; try again`);
    return issued;
  }

  /** Revoke a secret at once: deliveries signed with it are refused from now on. */
  async removeSecret(id: string, secretId: string): Promise<void> {
    const doc = await this.load(id);
    if (!doc.secrets.some((s) => s.id === secretId))
      throw DomainError.notFound(`webhook caller ${id} has no secret ${secretId}`);
    const done = await this.callers.collection.updateOne(
      { _id: id as never, version: doc.version },
      { $pull: { secrets: { id: secretId } } as never, $inc: { version: 1 } },
    );
    if (done.matchedCount !== 1)
      throw DomainError.conflict(`webhook caller ${id} changed meanwhile; try again`);
  }

  /** The secrets to verify a delivery with, or `null` if there is no such caller on this channel. */
  async verificationSecrets(id: string, channel: string): Promise<VerificationSecret[] | null> {
    const doc = (await this.callers.collection.findOne({
      _id: id as never,
    })) as unknown as WebhookCallerDoc | null;
    if (!doc || doc.channel !== channel) return null;
    return doc.secrets.map((s) => ({ id: s.id, value: this.box.open(s, boundTo(id, s.id)) }));
  }

  private async load(id: string): Promise<WebhookCallerDoc> {
    const doc = (await this.callers.collection.findOne({
      _id: id as never,
    })) as unknown as WebhookCallerDoc | null;
    if (!doc) throw DomainError.notFound(`no webhook caller ${id}`);
    return doc;
  }

  private issue(callerId: string, now: Date): { stored: StoredWebhookSecret; issued: IssuedWebhookSecret } {
    const id = `sec_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const value = `whsec_${randomBytes(32).toString('base64')}`;
    return {
      stored: { id, createdAt: now, ...this.box.seal(value, boundTo(callerId, id)) },
      issued: { id, value, createdAt: now },
    };
  }
}

function boundTo(callerId: string, secretId: string): string {
  return `${callerId}:${secretId}`;
}

function info(doc: WebhookCallerDoc): WebhookCallerInfo {
  return {
    id: doc._id,
    channel: doc.channel,
    name: doc.name,
    createdAt: doc.createdAt,
    secrets: doc.secrets.map((s) => ({ id: s.id, createdAt: s.createdAt })),
  };
}
