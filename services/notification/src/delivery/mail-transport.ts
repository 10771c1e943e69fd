import type { Logger } from '@shop/common';
import type nodemailer from 'nodemailer';

/** One email as it leaves the service. */
export interface OutgoingEmail {
  /** The notification id: also the Message-ID's local part. */
  readonly id: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

export interface MailTransport {
  /** The status a delivered email gets: SENT over SMTP, LOGGED when only logged. */
  readonly deliveredAs: 'SENT' | 'LOGGED';
  /** Resolves once the server has taken responsibility for the email. */
  send(email: OutgoingEmail): Promise<void>;
  close(): void;
}

/**
 * SMTP through nodemailer's pooled transport (one connection, reopened as needed). Each email
 * carries `Message-ID: <notification-id@from-domain>`, so if a crash between the server's
 * accept and our record of it makes us send it again, the copy is the same message.
 */
export function smtpTransport(options: {
  url: string;
  from: string;
  timeoutMs: number;
}): MailTransport {
  // Loaded here: a service without SMTP_URL (the local stack) never needs nodemailer.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mailer = require('nodemailer') as typeof nodemailer;
  const transporter = mailer.createTransport({
    url: options.url,
    pool: true,
    maxConnections: 1,
    connectionTimeout: options.timeoutMs,
    greetingTimeout: options.timeoutMs,
    socketTimeout: options.timeoutMs * 3,
  });
  const domain = mailDomain(options.from);
  return {
    deliveredAs: 'SENT',
    async send(email) {
      await transporter.sendMail({
        from: options.from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        html: email.html,
        messageId: messageId(email.id, domain),
      });
    },
    close: () => transporter.close(),
  };
}

/** No SMTP server configured (local demo): the email is logged and stored, not sent. */
export function logTransport(log: Logger): MailTransport {
  return {
    deliveredAs: 'LOGGED',
    async send(email) {
      log.info(
        { notificationId: email.id, to: email.to, subject: email.subject, text: email.text },
        'email not sent (no SMTP_URL); logged instead',
      );
    },
    close: () => undefined,
  };
}

export function messageId(notificationId: string, domain: string): string {
  return `<${notificationId}@${domain}>`;
}

/** `shop.local` of `Shop <no-reply@shop.local>`. */
export function mailDomain(from: string): string {
  const match = /@([\w.-]+)>?\s*$/.exec(from);
  if (!match?.[1]) throw new Error(`no domain in ${from}`);
  return match[1];
}

/**
 * The server refused this message for good (a 5xx for its sender, recipient or content):
 * sending it again would get the same answer. A 5xx for the session (bad credentials) is not
 * the message's fault and is retried like an outage.
 */
export function isPermanentRejection(err: unknown): boolean {
  const e = err as { permanent?: boolean; code?: string };
  return e.permanent === true && (e.code === 'EENVELOPE' || e.code === 'EMESSAGE');
}
