/** Markup that is already safe: built by the `html` tag, so every value in it was escaped. */
export class SafeHtml {
  constructor(readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/**
 * A template tag that escapes every interpolated value unless it is SafeHtml (or a list of
 * them), so a user's name can never become markup.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  const parts = strings.map((s, i) => (i < values.length ? s + fragment(values[i]) : s));
  return new SafeHtml(parts.join(''));
}

function fragment(value: unknown): string {
  if (value instanceof SafeHtml) return value.markup;
  if (Array.isArray(value)) return value.map(fragment).join('');
  return escapeHtml(String(value));
}

/** The one page every email's HTML body shares. */
export function page(title: string, body: SafeHtml): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>${title}</title>
      </head>
      <body style="font-family: sans-serif; color: #222; max-width: 36rem; margin: 0 auto;">
        <h1 style="font-size: 1.25rem;">${title}</h1>
        ${body}
        <p style="color: #777; font-size: 0.8rem;">
          Shop &middot; you get this email because you have an account with us.
        </p>
      </body>
    </html> `.markup;
}
