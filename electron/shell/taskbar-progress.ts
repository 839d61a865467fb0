import type { EventPayload } from '../common/contract/events.ts';

type Progress = EventPayload<'transferProgress'>;

/**
 * The taskbar / dock progress for every transfer in flight (a transfer over about a second shows its
 * progress on the taskbar too, not only in the window): their bytes summed, so two uploads read as one
 * bar. -1 removes the bar.
 */
export class TaskbarProgress {
  private readonly transfers = new Map<string, Progress>();

  constructor(private readonly show: (fraction: number) => void) {}

  update(progress: Progress): void {
    if (progress.total > 0 && progress.sent >= progress.total) this.transfers.delete(progress.transferId);
    else this.transfers.set(progress.transferId, progress);
    let sent = 0;
    let total = 0;
    for (const transfer of this.transfers.values()) {
      sent += transfer.sent;
      total += transfer.total;
    }
    this.show(this.transfers.size === 0 || total === 0 ? -1 : Math.min(sent / total, 1));
  }
}
