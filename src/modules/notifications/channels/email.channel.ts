import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { AppConfig } from 'src/config/app-config';
import {
  ChannelError,
  type NotificationChannel,
  type OutgoingMessage,
  type SendResult,
} from 'src/modules/notifications/channels/notification-channel';

/** Email over SMTP (nodemailer, pooled). The delivery id goes in a Message-ID-like header for deduplication. */
@Injectable()
export class EmailChannel implements NotificationChannel, OnModuleDestroy {
  readonly name = 'EMAIL' as const;
  private transporter?: Transporter;

  constructor(private readonly config: AppConfig) {}

  private transport(): Transporter {
    const smtp = this.config.notifications.smtp;
    if (!smtp.host) throw new ChannelError('SMTP_HOST is not set');
    this.transporter ??= createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? '' } : undefined,
      pool: true,
      connectionTimeout: this.config.notifications.httpTimeoutMs,
      socketTimeout: this.config.notifications.httpTimeoutMs,
    });
    return this.transporter;
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    try {
      const info = await this.transport().sendMail({
        from: this.config.notifications.smtp.sender,
        to: message.address,
        subject: message.subject ?? '',
        text: message.body,
        headers: { 'X-AnSinh-Message-Id': message.messageId },
      });
      return { responseStatus: info.rejected?.length ? 550 : 250 };
    } catch (error) {
      if (error instanceof ChannelError) throw error;
      throw new ChannelError(`SMTP: ${(error as { code?: string }).code ?? (error as Error).name}`);
    }
  }

  onModuleDestroy(): void {
    this.transporter?.close();
  }
}
