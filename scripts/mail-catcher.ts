// A tiny mail catcher for local runs without Docker: prints each mail it receives.
import { SmtpRecorder } from '../libs/testing/src/smtp-recorder';

async function main(): Promise<void> {
  const recorder = new SmtpRecorder();
  const port = await recorder.start(Number(process.env.SMTP_PORT ?? 1025));
  console.log(JSON.stringify({ msg: 'mail catcher listening', port }));
  let seen = 0;
  setInterval(() => {
    for (const m of recorder.mails.slice(seen)) {
      console.log(
        JSON.stringify({
          msg: 'mail received',
          to: m.to,
          subject: m.subject,
          messageId: m.messageId,
        }),
      );
    }
    seen = recorder.mails.length;
  }, 200);
}

void main();
