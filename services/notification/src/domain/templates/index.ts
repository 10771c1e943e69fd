/** Subject and both bodies of one email. */
export interface RenderedEmail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

export { renderOrderCancelled } from './order-cancelled';
export { renderOrderConfirmed } from './order-confirmed';
export { renderWelcome } from './welcome';
