import { Injectable } from '@nestjs/common';

/** The steps of the payout use cases at which a test may stop one as a crash would. */
export type PayoutFaultPoint = 'draft:after-insert' | 'draft:after-claim' | 'issue:after-batch' | 'issue:after-first-release' | 'decision:after-claim';

/**
 * Test-only crash points of the payout use cases (draft, issue, held-balance
 * decision), which write several documents in turn: an e2e test arms a point
 * (`app.get(PayoutFaults).arm('draft:after-claim')`) and the next run of the
 * use case stops there with an error, leaving the database as a crash at
 * that step would; the test then proves the next call finishes the work
 * exactly once. Nothing arms a point outside tests (no route, no setting);
 * unarmed, `at` does nothing.
 */
@Injectable()
export class PayoutFaults {
  private readonly armed = new Set<PayoutFaultPoint>();

  arm(point: PayoutFaultPoint): void {
    this.armed.add(point);
  }

  /** Stops here once if a test armed this point. */
  at(point: PayoutFaultPoint): void {
    if (!this.armed.delete(point)) return;
    throw new Error(`simulated crash at ${point}`);
  }
}
