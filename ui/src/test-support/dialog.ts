/**
 * jsdom has `<dialog>` but none of its methods: enough of `showModal` and `close` for a modal
 * that opens and closes. The focus trap and the top layer are the web view's, not tested here.
 */
export function supportDialogs(): void {
  const proto = HTMLDialogElement.prototype as Partial<HTMLDialogElement> & HTMLElement;
  if (typeof proto.showModal !== "function") {
    proto.showModal = function (this: HTMLDialogElement): void {
      this.open = true;
    };
  }
  if (typeof proto.close !== "function") {
    proto.close = function (this: HTMLDialogElement): void {
      if (!this.open) return;
      this.open = false;
      this.dispatchEvent(new Event("close"));
    };
  }
}
