import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One email as the sink received it. */
export interface ReceivedMail {
  /** Envelope recipients (RCPT TO). */
  readonly to: string[];
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly messageId: string;
}

/**
 * A real SMTP server in the test process, on a port that stays the same across `stop()` and
 * `start()`, so a test can take the mail server away and bring it back. Recipients matching
 * `refuse` are rejected with a permanent 550.
 */
export class MailSink {
  readonly received: ReceivedMail[] = [];
  /** Messages whose data arrived but whose answer is being held (see `hold`). */
  waiting = 0;
  private server?: SMTPServer;
  private gate?: Promise<void>;

  constructor(
    readonly port: number,
    private readonly refuse: RegExp = /^$/,
  ) {}

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Emails whose envelope includes `address`. */
  to(address: string): ReceivedMail[] {
    return this.received.filter((m) => m.to.includes(address));
  }

  /** Answers no message until `release()` is called: a slow mail server. */
  hold(): () => void {
    let release = () => undefined as void;
    this.gate = new Promise<void>((resolve) => (release = resolve));
    return () => {
      this.gate = undefined;
      release();
    };
  }

  async start(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      closeTimeout: 1,
      onRcptTo: (address, _session, callback) => {
        if (!this.refuse.test(address.address)) return callback();
        callback(Object.assign(new Error('mailbox unavailable'), { responseCode: 550 }));
      },
      onData: (stream, session, callback) => {
        const to = session.envelope.rcptTo.map((r) => r.address);
        simpleParser(stream).then(async (mail) => {
          if (this.gate) {
            this.waiting += 1;
            await this.gate;
            this.waiting -= 1;
          }
          this.received.push({
            to,
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            html: typeof mail.html === 'string' ? mail.html : '',
            messageId: mail.messageId ?? '',
          });
          callback();
        }, callback);
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
  }

  /** Closes the listener and drops open sessions (421), like a mail server going down. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
