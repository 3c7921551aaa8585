// Modal dialogs on the native <dialog>: the page behind is inert, Escape closes, Tab and Shift+Tab stay inside,
// and focus goes back to where it came from (or to a stand-in when a live update replaced that button).

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), '
    + 'textarea:not([disabled]), [tabindex]:not([tabindex="-1"]), summary';

export function openDialog(dialog, { returnFocus, initialFocus } = {}) {
    if (!dialog.dataset.trapped) {
        dialog.dataset.trapped = 'yes';
        dialog.addEventListener('keydown', (event) => {
            if (event.key !== 'Tab') return;
            const items = [...dialog.querySelectorAll(FOCUSABLE)].filter(el => el.offsetParent !== null);
            if (items.length === 0) return;
            const first = items[0];
            const last = items[items.length - 1];
            if (event.shiftKey && document.activeElement === first) {
                event.preventDefault();
                last.focus();
            } else if (!event.shiftKey && document.activeElement === last) {
                event.preventDefault();
                first.focus();
            }
        });
    }
    dialog.addEventListener('close', () => {
        const target = typeof returnFocus === 'function' ? returnFocus() : returnFocus;
        if (target && target.isConnected) target.focus();
    }, { once: true });
    if (!dialog.open) dialog.showModal();
    const focus = initialFocus || dialog.querySelector('[autofocus]') || dialog.querySelector(FOCUSABLE);
    if (focus) focus.focus();
}
