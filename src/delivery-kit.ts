/**
 * One module for hosts that wire delivery themselves (the embed build's `triage-delivery.js`):
 * the outbox and the transports it can hand tickets to.
 */
export { createOutbox, backoffDelay, DEFAULT_BACKOFF } from './outbox.js';
export type { Outbox, OutboxOptions, BackoffSettings } from './outbox.js';
export { createIntakeTransport } from './transports/intake.js';
export type { IntakeTransportOptions } from './transports/intake.js';
export { createOsvcTransport } from './transports/osvc.js';
export type { OsvcTransportOptions, OsvcMapping } from './transports/osvc.js';
export { createIntakeSignals } from './signals.js';
export { DeliveryError } from './delivery.js';
export type { Transport, SendResult, AttachmentBytes, OutboxEntry, OutboxService, DeliveryState } from './delivery.js';
export { createFollower } from './follow.js';
export type { Follower, FollowerOptions, FollowService, FollowState, Followed } from './follow.js';
