import type { ConfirmChannel, ConsumeMessage } from 'amqplib';

/*
 * Kept apart from consumer.ts, with type imports only: the test preload subscribes to this
 * channel before the service's main runs, so what it loads is loaded before OpenTelemetry can
 * patch it (importing the consumer from there once loaded `pg` unpatched in every service).
 */

/** What a consumer publishes on DELIVERY_CHANNEL before it handles a message. */
export interface Delivery {
  readonly queue: string;
  readonly channel: ConfirmChannel;
  readonly message: ConsumeMessage;
}

/**
 * The diagnostics channel every delivery is announced on before it is handled (an observer in
 * the process may subscribe: the test kit's duplicate deliveries do).
 */
export const DELIVERY_CHANNEL = 'shop:event-consumer:delivery';
