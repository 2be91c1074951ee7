import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Redraws its host every second while one of the moments it is given still lies ahead, so a
 * "Next attempt in 20 seconds" counts down; the timer stops when nothing is ahead, and when the
 * host leaves the page.
 */
export class CountdownController implements ReactiveController {
  #timer?: ReturnType<typeof setTimeout>;
  readonly #host: ReactiveControllerHost;
  readonly #moments: () => (number | undefined)[];

  constructor(host: ReactiveControllerHost, moments: () => (number | undefined)[]) {
    this.#host = host;
    this.#moments = moments;
    host.addController(this);
  }

  hostUpdated(): void {
    clearTimeout(this.#timer);
    // One more tick past the moment, so "in 1 second" becomes "now".
    const ahead = this.#moments().some((at) => at !== undefined && at > Date.now() - 1000);
    this.#timer = ahead ? setTimeout(() => this.#host.requestUpdate(), 1000) : undefined;
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
