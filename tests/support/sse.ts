// Reads a Server-Sent Events stream into `events` as they arrive; `ended()`
// says the server closed it.
export function readEvents(url: string) {
  const controller = new AbortController();
  const events: { type: string; data: any }[] = [];
  let ended = false;
  const opened = fetch(url, { signal: controller.signal }).then(async (res) => {
    if (res.status !== 200) return res.status;
    void (async () => {
      const reader = res.body!.getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += Buffer.from(value).toString('utf8');
        let idx: number;
        while ((idx = buffer.indexOf('\n\n')) >= 0) {
          const chunk = buffer.slice(0, idx);
          buffer = buffer.slice(idx + 2);
          const type = /^event: ?(.*)$/m.exec(chunk)?.[1] ?? 'message';
          const data = /^data: ?(.*)$/m.exec(chunk)?.[1];
          if (data) events.push({ type, data: JSON.parse(data) });
        }
      }
      ended = true;
    })().catch(() => undefined);
    return res.status;
  });
  return { opened, events, ended: () => ended, close: () => controller.abort() };
}
