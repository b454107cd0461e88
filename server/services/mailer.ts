/** A message to one user; the mailer looks up where to send it. */
export type MailMessage = { userId: string; subject: string; text: string };

/** The e-mail port (design: every port has a real and an in-memory implementation). */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/** The default: no mail server is configured, so mail is only written to the log. */
export class LogMailer implements Mailer {
  constructor(private readonly log: (line: string) => void = (line) => console.info(line)) {}
  async send(message: MailMessage): Promise<void> {
    this.log(`[mail → ${message.userId}] ${message.subject}`);
  }
}

/** Keeps what was sent, for tests. */
export class MemoryMailer implements Mailer {
  readonly sent: MailMessage[] = [];
  async send(message: MailMessage): Promise<void> {
    this.sent.push(message);
  }
}
