import { oneLine } from './format';
import { html, page } from './html';
import type { RenderedEmail } from './index';

export function renderWelcome({ name }: { name: string }): RenderedEmail {
  const title = 'Welcome to Shop';
  return {
    subject: title,
    text: `Hello ${oneLine(name)},

your Shop account is ready. Browse the catalog and place your first order whenever you like.

Shop`,
    html: page(
      title,
      html`<p>Hello ${oneLine(name)},</p>
        <p>
          your Shop account is ready. Browse the catalog and place your first order whenever you
          like.
        </p>`,
    ),
  };
}
